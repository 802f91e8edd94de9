using System.Diagnostics;
using System.Text.Json;

namespace HelpCenter.IntegrationTests.Search;

/// <summary>An editor's change is searchable within a second or so of saving (content reload + index sync).</summary>
public sealed class SearchHotReloadTests(EditableContentFactory factory) : IClassFixture<EditableContentFactory>
{
    private async Task<List<string>> SlugsAsync(string query)
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString(query), UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToList();
    }

    [Fact]
    public async Task NewArticleAndNewSynonymAreSearchableWithinTwoSeconds()
    {
        Assert.DoesNotContain("staking", await SlugsAsync("ステーキング"));

        await File.WriteAllTextAsync(Path.Combine(factory.ContentPath, "ja/trading/staking.md"),
            "---\ntitle: ステーキングとは？\ncategory: trading\n---\nステーキングは保有する暗号資産を預けて報酬を受け取る仕組みです。\n");
        var clock = Stopwatch.StartNew();
        while (!(await SlugsAsync("ステーキング")).Contains("staking") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");

        await File.AppendAllTextAsync(Path.Combine(factory.ContentPath, "synonyms.txt"), "\n[ja]\n預けて増やす, 利回り => ステーキング\n");
        clock.Restart();
        while (!(await SlugsAsync("利回り")).Contains("staking") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task DeletedArticleLeavesTheResults()
    {
        Assert.Contains("survey", await SlugsAsync("アンケート"));

        File.Delete(Path.Combine(factory.ContentPath, "ja/other/survey.md"));
        var clock = Stopwatch.StartNew();
        while ((await SlugsAsync("アンケート")).Contains("survey") && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }
}
