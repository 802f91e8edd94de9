using System.Net;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Search;

public sealed class IndexTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task ResultsPageKeepsTheQueryAndShowsHighlightedResultsWithFacets()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString("二段階認証"));

        Assert.Equal(200, page.Status);
        Assert.Equal("「二段階認証」の検索結果", page.Heading);
        Assert.Equal("二段階認証", page.Find(".header-search input[name=q]")!.GetAttribute("value"));
        var results = page.FindAll(".result");
        Assert.NotEmpty(results);
        Assert.Contains("<mark>二段階認証</mark>", results[0].InnerHtml, StringComparison.Ordinal);
        Assert.StartsWith("/search/click?s=", results[0].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains(page.FindAll(".facets a"), a => a.TextContent.Contains("セキュリティ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CategoryFilterAndPagingKeepTheQuery()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/search?q=" + Uri.EscapeDataString("出金"));
        var facet = page.FindAll(".facets a").First(a => a.TextContent.Contains("口座", StringComparison.Ordinal));

        var filtered = await HtmlPage.GetAsync(client, facet.GetAttribute("href")!);

        Assert.Equal("true", filtered.FindAll(".facets a").First(a => a.TextContent.Contains("口座", StringComparison.Ordinal)).GetAttribute("aria-current"));
        Assert.All(filtered.FindAll(".result-category"), c => Assert.Equal("口座・入出金・本人確認", c.TextContent));
        if (filtered.Find(".pager a[rel=next]") is { } next)
        {
            Assert.Contains("category=account", next.GetAttribute("href"), StringComparison.Ordinal);
            Assert.Contains("page=2", next.GetAttribute("href"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoResultsOffersSuggestionsAndContact()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString("zzzqqqxxx"));

        Assert.Equal(200, page.Status);
        Assert.NotNull(page.Find(".no-results"));
        Assert.NotEmpty(page.FindAll(".no-results .article-list a"));
        Assert.NotNull(page.Find(".contact-box a[href='/contact']"));
    }

    [Fact]
    public async Task NothingMatchedShowsTheMostReadArticlesOfTheGuessedTopicAsNotMatching()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString("ステーキング 注文"));

        Assert.Equal("0件の記事が見つかりました", page.Find(".result-count")!.TextContent);
        Assert.Empty(page.FindAll(".result"));
        Assert.Equal("「取引」でよく読まれている記事", page.Find(".no-results h3")!.TextContent);
        Assert.Contains("含みません", page.Find(".no-results .not-matching")!.TextContent, StringComparison.Ordinal);
        var articles = page.FindAll(".no-results .article-list a");
        Assert.NotEmpty(articles);
        Assert.All(articles, a => Assert.StartsWith("/ja/articles/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.NotNull(page.Find(".contact-box a[href='/contact']"));
    }

    [Fact]
    public async Task NothingMatchedOffersTheCorrectedQuery()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString("パスワート"));

        var link = page.Find(".did-you-mean a")!;
        Assert.Equal("パスワード", link.TextContent);
        Assert.Equal("/search?q=" + Uri.EscapeDataString("パスワード"), link.GetAttribute("href"));
    }

    [Fact]
    public async Task EnglishResultsMarkJapaneseOnlyArticles()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient("en-US"), "/search?q=" + Uri.EscapeDataString("cancel order"));

        var result = page.FindAll(".result").First(r => r.QuerySelector("a")!.GetAttribute("href")!.Contains("slug=cancel-order", StringComparison.Ordinal));
        Assert.Equal("Japanese only", result.QuerySelector(".badge")!.TextContent);
        Assert.Equal("ja", result.QuerySelector(".result-title a")!.GetAttribute("lang"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("title:(((( AND /[ac]*a[ac]{18}/")]
    public async Task HostileQueriesAreShownEscaped(string query)
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString(query));

        Assert.Equal(200, page.Status);
        Assert.Empty(page.FindAll("main script, main img[onerror]"));
        Assert.Contains(query[..5], page.Heading, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeQueryIsCappedNotRejected()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/search?q=" + Uri.EscapeDataString(new string('あ', 5_000)));
        Assert.Equal(200, page.Status);
    }

    [Fact]
    public async Task ClickingAResultRecordsItsRankAndOpensTheArticle()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/search?q=" + Uri.EscapeDataString("年間取引報告書"));
        var link = page.FindAll(".result a")[0].GetAttribute("href")!;

        var response = await client.GetAsync(new Uri(link, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/ja/articles/annual-trade-report", response.Headers.Location!.OriginalString);
        await factory.FlushAnalyticsAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var log = await db.SearchLogs.SingleAsync(l => l.Query == "年間取引報告書" && l.Source == "page");
        Assert.Equal(("annual-trade-report", 1), (log.ClickedSlug, log.ClickedRank));
    }

    [Fact]
    public async Task ClickTrackingNeverRedirectsAway()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/search/click?s=1&slug=https://evil.example&rank=1", UriKind.Relative));

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }
}
