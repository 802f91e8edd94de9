using System.Diagnostics;

namespace HelpCenter.IntegrationTests.Articles;

/// <summary>Editors save files; the site shows the change within 2 seconds, without a restart.</summary>
public sealed class HotReloadTests(EditableContentFactory factory) : IClassFixture<EditableContentFactory>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private string PathOf(string relative) => Path.Combine(factory.ContentPath, relative);

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

    [Fact]
    public async Task EditedArticleIsServedWithinTwoSeconds()
    {
        _ = factory.Server;
        var file = PathOf("ja/security/phishing.md");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("title: ", "title: 【更新】", StringComparison.Ordinal));

        var elapsed = await WaitUntilAsync("/ja/articles/phishing", p => p.Heading.StartsWith("【更新】", StringComparison.Ordinal));

        Assert.True(elapsed < Limit, $"took {elapsed}");
    }

    [Fact]
    public async Task AddedRenamedAndDeletedArticlesAreFollowed()
    {
        _ = factory.Server;
        await File.WriteAllTextAsync(PathOf("ja/other/new-article.md"), "---\ntitle: 新しい記事\ncategory: other\n---\n新しい本文です。\n");
        Assert.True(await WaitUntilAsync("/ja/articles/new-article", p => p.Status == 200) < Limit);

        File.Move(PathOf("ja/other/new-article.md"), PathOf("ja/other/renamed-article.md"));
        Assert.True(await WaitUntilAsync("/ja/articles/renamed-article", p => p.Status == 200) < Limit);
        Assert.Equal(404, (await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/new-article")).Status);

        File.Delete(PathOf("ja/other/renamed-article.md"));
        Assert.True(await WaitUntilAsync("/ja/articles/renamed-article", p => p.Status == 404) < Limit);
    }

    [Fact]
    public async Task BreakingAFileKeepsEveryOtherArticleOnline()
    {
        _ = factory.Server;
        var file = PathOf("ja/trading/cancel-order.md");
        await File.WriteAllTextAsync(file, "---\ntitle: [broken\ncategory: trading\n---\n本文\n");

        await WaitUntilAsync("/ja/articles/cancel-order", p => p.Status == 404);

        Assert.Equal(200, (await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/order-types")).Status);
        Assert.Contains(factory.Logs, l => l.Contains("ja/trading/cancel-order.md:2: error (file skipped): invalid YAML", StringComparison.Ordinal));
    }
}
