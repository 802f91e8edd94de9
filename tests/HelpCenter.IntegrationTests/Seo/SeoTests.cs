using System.Text.Json;
using System.Xml.Linq;
using HelpCenter.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Seo;

public sealed class SeoTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    [Fact]
    public async Task SitemapListsEveryArticleInEveryLanguageWithItsAlternates()
    {
        var snapshot = factory.Services.GetRequiredService<ContentStore>().Current;
        var xml = XDocument.Parse(await factory.CreateClient().GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative)));
        var urls = xml.Root!.Elements(Sitemap + "url").ToDictionary(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath);

        Assert.True(snapshot.Articles.Count >= 70);
        foreach (var article in snapshot.Articles)
        {
            Assert.True(urls.TryGetValue(article.Url, out var entry), $"{article.Url} is missing from the sitemap");
            Assert.Equal(article.Updated.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.Element(Sitemap + "lastmod")!.Value);
            var translations = snapshot.Translations(article);
            var alternates = entry.Elements(Xhtml + "link").Select(l => (l.Attribute("hreflang")!.Value, new Uri(l.Attribute("href")!.Value).AbsolutePath)).ToList();
            if (translations.Count == 0)
            {
                Assert.Empty(alternates);
                continue;
            }

            foreach (var version in translations.Append(article))
            {
                Assert.Contains((HelpCenter.Localization.Languages.ToCultureName(version.Language), version.Url), alternates);
            }
        }

        Assert.Contains("/faq", urls.Keys);
        Assert.Contains("/en/categories/security", urls.Keys);
    }

    [Fact]
    public async Task ArticlePagesCarryArticleAndBreadcrumbJsonLdThatParses()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/phishing");
        var blocks = page.FindAll("script[type='application/ld+json']").Select(s => JsonDocument.Parse(s.TextContent)).ToList();

        Assert.Equal(["Article", "BreadcrumbList"], blocks.Select(b => b.RootElement.GetProperty("@type").GetString()).Order(StringComparer.Ordinal));
        var article = blocks.Single(b => b.RootElement.GetProperty("@type").GetString() == "Article").RootElement;
        Assert.Equal(page.Find("h1")!.TextContent.Trim(), article.GetProperty("headline").GetString());
        Assert.Equal("ja", article.GetProperty("inLanguage").GetString());
        var trail = blocks.Single(b => b.RootElement.GetProperty("@type").GetString() == "BreadcrumbList").RootElement.GetProperty("itemListElement");
        Assert.Equal(3, trail.GetArrayLength());
        Assert.EndsWith("/ja/categories/security", trail[1].GetProperty("item").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FaqPageCarriesFaqPageJsonLdWithEveryQuestion()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/faq");
        using var json = JsonDocument.Parse(Assert.Single(page.FindAll("script[type='application/ld+json']")).TextContent);

        Assert.Equal("FAQPage", json.RootElement.GetProperty("@type").GetString());
        var questions = json.RootElement.GetProperty("mainEntity").EnumerateArray().Select(q => q.GetProperty("name").GetString()).ToList();
        Assert.Equal(page.FindAll("details.faq-item summary").Select(s => s.TextContent.Trim()), questions);
        Assert.All(json.RootElement.GetProperty("mainEntity").EnumerateArray(), q => Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("acceptedAnswer").GetProperty("text").GetString())));
    }

    [Fact]
    public async Task ArticlesNameTheirCanonicalUrlAndTheirOtherLanguages()
    {
        var translated = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/en/articles/phishing");
        Assert.EndsWith("/en/articles/phishing", translated.Find("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(["en", "ja", "zh-Hans"], translated.FindAll("link[rel=alternate][hreflang]").Select(l => l.GetAttribute("hreflang")!).Order(StringComparer.Ordinal));
        Assert.Equal("article", translated.Find("meta[property='og:type']")!.GetAttribute("content"));
        Assert.False(string.IsNullOrEmpty(translated.Find("meta[name=description]")!.GetAttribute("content")));

        // A Japanese-only article shown under /en/ points search engines at the Japanese original.
        var snapshot = factory.Services.GetRequiredService<ContentStore>().Current;
        var japaneseOnly = snapshot.Articles.First(a => a.Language == "ja" && snapshot.Translations(a).Count == 0);
        var fallback = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), $"/en/articles/{japaneseOnly.Slug}");
        Assert.EndsWith(japaneseOnly.Url, fallback.Find("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RobotsKeepCrawlersOutOfPrivateAreasAndNameTheSitemap()
    {
        var robots = await factory.CreateClient().GetStringAsync(new Uri("/robots.txt", UriKind.Relative));

        foreach (var path in new[] { "/account/", "/agent/", "/admin/", "/editor/", "/chat/", "/requests", "/api/" })
        {
            Assert.Contains("Disallow: " + path + "\n", robots, StringComparison.Ordinal);
        }

        Assert.Matches(@"Sitemap: https?://[^\s]+/sitemap\.xml", robots);
        var signIn = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/account/login");
        Assert.Equal("noindex", signIn.Find("meta[name=robots]")!.GetAttribute("content"));
    }
}
