using HelpCenter.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages;

/// <summary>Every public page, in every language: it answers, in the right language, with the security headers.</summary>
public sealed class EveryPageTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    public static TheoryData<string> Languages() => new() { "ja", "en", "zh" };

    private IReadOnlyList<string> PagesIn(string language)
    {
        var snapshot = factory.Services.GetRequiredService<ContentStore>().Current;
        return ["/", "/faq", "/contact", .. snapshot.Categories.Select(c => ArticleUrls.Category(language, c.Id)),
            .. snapshot.Articles.Select(a => a.Slug).Distinct().Select(slug => ArticleUrls.Article(language, slug))];
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryPageAnswersInTheChosenLanguage(string language)
    {
        var client = factory.CreateBrowserLikeClient(language == "zh" ? "zh-CN" : language);
        var expectedLang = language == "zh" ? "zh-Hans" : language;
        var urls = PagesIn(language);
        Assert.True(urls.Count > 50);

        foreach (var url in urls)
        {
            var page = await HtmlPage.GetAsync(client, url);
            Assert.True(page.Status == 200, $"{url} answered {page.Status}");
            Assert.True(page.Language == expectedLang, $"{url} has lang={page.Language}");
            Assert.False(string.IsNullOrWhiteSpace(page.Heading), $"{url} has no h1");
            Assert.Single(page.FindAll("main"));
        }
    }

    [Fact]
    public async Task EveryResponseCarriesTheSecurityHeaders()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var url in new[] { "/", "/faq", "/ja/articles/phishing", "/no-such-page", "/healthz", "/css/site.css", "/account/login", "/account/manage", "/admin/users", "/account/access-denied" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.True(response.Headers.Contains("Permissions-Policy"), url);
            Assert.True(response.Headers.Contains("X-Correlation-Id"), url);
        }
    }

    [Fact]
    public async Task PagesHaveNoInlineScriptsOrStyles()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var url in PagesIn("ja").Take(12))
        {
            var page = await HtmlPage.GetAsync(client, url);
            Assert.All(page.FindAll("script"), s => Assert.True(s.HasAttribute("src") || IsJsonLd(s), $"inline script on {url}"));
            Assert.Empty(page.FindAll("style"));
            Assert.Empty(page.FindAll("[style]"));
            Assert.DoesNotContain(page.FindAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>JSON-LD for search engines is a data block that browsers never run: allowed inline, if it is JSON.</summary>
    private static bool IsJsonLd(AngleSharp.Dom.IElement script)
    {
        if (script.GetAttribute("type") != "application/ld+json")
        {
            return false;
        }

        using var json = System.Text.Json.JsonDocument.Parse(script.TextContent);
        return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object;
    }
}
