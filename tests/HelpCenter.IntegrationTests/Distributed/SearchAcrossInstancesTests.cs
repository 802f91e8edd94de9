using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.Json;
using HelpCenter.IntegrationTests.Pages.Editor;

namespace HelpCenter.IntegrationTests.Distributed;

/// <summary>
/// Each instance keeps its own search index and output cache, in step through the database's content version (no
/// Redis needed): what is published on one instance is found, and shown on cached pages, on the other within 2 s.
/// </summary>
public sealed class SearchAcrossInstancesTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task APublishOnOneInstanceIsSearchableOnTheOtherWithinTwoSeconds()
    {
        await using var pair = await InstanceFactory.StartPairAsync(redis: null);
        var customerOnB = pair.B.CreateBrowserLikeClient();

        // B has cached the category page and searched before the article exists.
        var before = await HtmlPage.GetAsync(customerOnB, "/ja/categories/trading");
        Assert.DoesNotContain("ネビュラ積立とは", before.Html, StringComparison.Ordinal);
        Assert.Empty(await SearchSlugsAsync(pair.B, "ネビュラ積立"));

        var editor = new EditorClient(pair.A);
        await editor.SignInAsync();
        var id = await editor.CreateAsync("nebula-savings", "ネビュラ積立とは", "ネビュラ積立は毎月自動で買い付ける新しいサービスです。\n");
        await editor.StepAsync(id, "Publish");
        var published = Stopwatch.StartNew();

        await WaitAsync(async () => (await SearchSlugsAsync(pair.B, "ネビュラ積立")).Contains("nebula-savings"), "B's search to find the article");
        var found = published.Elapsed;
        Assert.True(found < Within, $"found on B after {found.TotalMilliseconds:F0} ms");

        // B's cached category page was evicted too.
        var after = await HtmlPage.GetAsync(customerOnB, "/ja/categories/trading");
        Assert.Contains("ネビュラ積立とは", after.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASynonymsEditOnOneInstanceAppliesToSearchesOnTheOther()
    {
        await using var pair = await InstanceFactory.StartPairAsync(redis: null);
        var rule = "[ja]\nズンドコ, 出金";
        Assert.Empty(await SearchSlugsAsync(pair.B, "ズンドコ"));

        await using (var scope = pair.A.Services.CreateAsyncScope())
        {
            var synonyms = scope.ServiceProvider.GetRequiredService<HelpCenter.Editor.SynonymEditing>();
            var (text, version) = await synonyms.LoadAsync();
            Assert.True(await synonyms.SaveAsync(text.TrimEnd() + "\n" + rule + "\n", version, "ja", new HelpCenter.Editor.EditorActor("test", "テスト")));
        }

        var saved = Stopwatch.StartNew();
        await WaitAsync(async () => (await SearchSlugsAsync(pair.B, "ズンドコ")).Count > 0, "B's search to use the new synonym");
        Assert.True(saved.Elapsed < Within, $"applied on B after {saved.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task ANewInstanceBuildsItsIndexFromTheDatabaseAtStart()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-cluster-" + Guid.NewGuid().ToString("N")[..10]);
        await using (var a = new InstanceFactory(dataPath, "a", null))
        {
            await a.InitializeAsync();
            var editor = new EditorClient(a);
            await editor.SignInAsync();
            var id = await editor.CreateAsync("pulsar-lending", "パルサー貸出とは", "パルサー貸出は保有する暗号資産を貸し出すサービスです。\n");
            await editor.StepAsync(id, "Publish");
        }

        // An instance with an empty index folder of its own, started later: the article is only in the database.
        await using var c = new InstanceFactory(dataPath, "c", null);
        await c.InitializeAsync();
        Assert.Contains("pulsar-lending", await SearchSlugsAsync(c, "パルサー貸出"));
    }

    private static async Task<List<string>> SearchSlugsAsync(InstanceFactory instance, string query)
    {
        var json = await instance.CreateClient().GetStringAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString(query), UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToList();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}
