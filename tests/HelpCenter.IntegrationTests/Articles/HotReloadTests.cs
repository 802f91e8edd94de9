using System.Diagnostics;

namespace HelpCenter.IntegrationTests.Articles;

/// <summary>Editors save files; the site shows the change within 2 seconds, without a restart.</summary>
public sealed class HotReloadTests(EditableContentFactory factory) : IClassFixture<EditableContentFactory>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private string PathOf(string relative) => Path.Combine(factory.ContentPath, relative);

    /// <summary>
    /// Starts the server and renders an article and a missing article once, so that the clock below measures
    /// the reload and not the first request's start-up work (view compilation, JIT), which on a busy 2-core
    /// CI machine alone can take longer than the limit.
    /// </summary>
    private async Task WarmUpAsync()
    {
        var client = factory.CreateBrowserLikeClient();
        Assert.Equal(200, (await HtmlPage.GetAsync(client, "/ja/articles/order-types")).Status);
        Assert.Equal(404, (await HtmlPage.GetAsync(client, "/ja/articles/no-such-article")).Status);
    }

    private async Task<TimeSpan> WaitUntilAsync(string url, Func<HtmlPage, bool> condition)
    {
        var client = factory.CreateBrowserLikeClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (condition(await HtmlPage.GetAsync(client, url)))
            {
                return clock.Elapsed;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{url} did not change within 10 s");
    }

    private static void AssertWithinLimit(TimeSpan elapsed) =>
        Assert.True(elapsed < Limit, $"the change took {elapsed.TotalMilliseconds:F0} ms to show (limit {Limit.TotalMilliseconds:F0} ms)");

    [Fact]
    public async Task EditedArticleIsServedWithinTwoSeconds()
    {
        await WarmUpAsync();
        var file = PathOf("ja/security/phishing.md");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("title: ", "title: 【更新】", StringComparison.Ordinal));

        var elapsed = await WaitUntilAsync("/ja/articles/phishing", p => p.Heading.StartsWith("【更新】", StringComparison.Ordinal));

        AssertWithinLimit(elapsed);
    }

    [Fact]
    public async Task AddedRenamedAndDeletedArticlesAreFollowed()
    {
        await WarmUpAsync();
        await File.WriteAllTextAsync(PathOf("ja/other/new-article.md"), "---\ntitle: 新しい記事\ncategory: other\n---\n新しい本文です。\n");
        AssertWithinLimit(await WaitUntilAsync("/ja/articles/new-article", p => p.Status == 200));

        File.Move(PathOf("ja/other/new-article.md"), PathOf("ja/other/renamed-article.md"));
        AssertWithinLimit(await WaitUntilAsync("/ja/articles/renamed-article", p => p.Status == 200));
        Assert.Equal(404, (await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/new-article")).Status);

        File.Delete(PathOf("ja/other/renamed-article.md"));
        AssertWithinLimit(await WaitUntilAsync("/ja/articles/renamed-article", p => p.Status == 404));
    }

    [Fact]
    public async Task BreakingAFileKeepsEveryOtherArticleOnline()
    {
        await WarmUpAsync();
        var file = PathOf("ja/trading/cancel-order.md");
        await File.WriteAllTextAsync(file, "---\ntitle: [broken\ncategory: trading\n---\n本文\n");

        await WaitUntilAsync("/ja/articles/cancel-order", p => p.Status == 404);

        Assert.Equal(200, (await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/order-types")).Status);
        Assert.Contains(factory.Logs, l => l.Contains("ja/trading/cancel-order.md:2: error (file skipped): invalid YAML", StringComparison.Ordinal));
    }
}
