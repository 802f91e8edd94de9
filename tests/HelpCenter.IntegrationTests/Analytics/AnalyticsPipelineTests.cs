using System.Diagnostics;
using HelpCenter.Analytics;
using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Analytics;

/// <summary>Searches, article views and clicks are queued by the request and written in batches by the writer.</summary>
public sealed class AnalyticsPipelineTests
{
    [Fact]
    public async Task ASearchAndAViewReachTheDatabaseWithinOneSecond()
    {
        await using var factory = new HelpCenterFactory();
        var client = factory.CreateBrowserLikeClient();
        var query = "出金 " + Guid.NewGuid().ToString("N")[..6];

        await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative));
        await HtmlPage.BrowseAsync(client, "/ja/articles/jpy-withdrawal");
        var clock = Stopwatch.StartNew();

        while (true)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var search = await db.SearchLogs.AnyAsync(s => s.Query == query);
            var view = await db.ArticleViews.AnyAsync(v => v.Slug == "jpy-withdrawal");
            if (search && view)
            {
                break;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"After {clock.ElapsedMilliseconds} ms: search written {search}, view written {view}.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task StoppingTheSiteWritesEverythingStillQueued()
    {
        await using var factory = new SlowBatchFactory();
        _ = factory.Server;
        var queue = factory.Services.GetRequiredService<AnalyticsQueue>();
        for (var i = 0; i < 500; i++)
        {
            queue.Add(new ArticleView { VisitorId = "shutdown-test", Language = "ja", Slug = $"article-{i}", At = DateTimeOffset.UtcNow });
        }

        // What the host does on a graceful shutdown (SIGTERM): the writer is stopped before its batch delay is over.
        await factory.Services.GetRequiredService<AnalyticsWriter>().StopAsync(CancellationToken.None);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        Assert.Equal(500, await db.ArticleViews.CountAsync(v => v.VisitorId == "shutdown-test"));
        Assert.Equal(0, queue.Pending);
    }

    [Fact]
    public async Task OnlyTheFirstClickOfTheSessionThatSearchedIsKept()
    {
        await using var factory = new HelpCenterFactory();
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/search?q=" + Uri.EscapeDataString("二段階認証"));
        var links = page.FindAll(".result a").Select(a => a.GetAttribute("href")!).ToList();

        // Clicked at once, in the same batch as the search itself; then a second result; then a stranger replays the link.
        await client.GetAsync(new Uri(links[1], UriKind.Relative));
        await client.GetAsync(new Uri(links[0], UriKind.Relative));
        await factory.CreateBrowserLikeClient().GetAsync(new Uri(links[2], UriKind.Relative));
        await factory.FlushAnalyticsAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var log = await db.SearchLogs.SingleAsync(l => l.Query == "二段階認証");
        Assert.Equal(2, log.ClickedRank);
    }

    [Fact]
    public async Task AViewIsRecordedByThePagesBeaconNotByThePageAndOnlyForRealArticles()
    {
        await using var factory = new HelpCenterFactory();
        var script = factory.CreateBrowserLikeClient();
        await script.GetAsync(new Uri("/ja/articles/tax-calculation", UriKind.Relative));
        var beacon = await script.GetAsync(new Uri("/api/view?lang=ja&slug=no-such-article", UriKind.Relative));
        var browser = factory.CreateBrowserLikeClient();
        await HtmlPage.BrowseAsync(browser, "/en/articles/tax-calculation");
        await factory.FlushAnalyticsAsync();

        Assert.Equal("image/gif", beacon.Content.Headers.ContentType!.MediaType);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var views = await db.ArticleViews.Select(v => v.Language + "/" + v.Slug).ToListAsync();
        // The page alone (a script that loads no images) and an unknown slug write nothing; the browser's view of the
        // Japanese article shown under /en/ is recorded as the Japanese article.
        Assert.Equal(["ja/tax-calculation"], views);
    }

    private sealed class SlowBatchFactory : HelpCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:Analytics:BatchDelayMilliseconds"] = "1000",
        };
    }
}
