using System.Net;
using System.Text.Json;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Search;

public sealed class SearchApiTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    private async Task<JsonElement> GetJsonAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task SearchReturnsTheDocumentedShape()
    {
        var json = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("パスワード 忘れた") + "&lang=ja&limit=3");

        Assert.Equal("パスワード 忘れた", json.GetProperty("query").GetString());
        Assert.True(json.GetProperty("total").GetInt32() >= 1);
        var results = json.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 3);
        var first = results[0];
        Assert.Equal("password-reset", first.GetProperty("slug").GetString());
        Assert.Equal("ja", first.GetProperty("lang").GetString());
        Assert.Equal("/ja/articles/password-reset", first.GetProperty("url").GetString());
        Assert.Equal("security", first.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
        Assert.Contains("<mark>", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(first.GetProperty("score").GetSingle() > 0);
        Assert.True(json.GetProperty("facets").GetProperty("security").GetInt32() >= 1);
    }

    [Fact]
    public async Task CategoryLimitAndOffsetPage()
    {
        var all = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("出金") + "&lang=ja&limit=50");
        var total = all.GetProperty("total").GetInt32();
        var second = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("出金") + "&lang=ja&limit=1&offset=1");
        Assert.Equal(all.GetProperty("results")[1].GetProperty("slug").GetString(), second.GetProperty("results")[0].GetProperty("slug").GetString());
        Assert.Equal(total, second.GetProperty("total").GetInt32());

        var facets = all.GetProperty("facets").EnumerateObject().ToList();
        Assert.Equal(total, facets.Sum(f => f.Value.GetInt32()));
        var smallest = facets.OrderBy(f => f.Value.GetInt32()).First();
        var filtered = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("出金") + "&lang=ja&category=" + smallest.Name);
        Assert.All(filtered.GetProperty("results").EnumerateArray(), r => Assert.Equal(smallest.Name, r.GetProperty("category").GetString()));
        Assert.Equal(smallest.Value.GetInt32(), filtered.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task LanguageSelectsTheArticlesSearched()
    {
        // English readers get the English articles and the Japanese ones not translated into English, as on the category
        // pages; both open in English.
        var content = factory.Services.GetRequiredService<HelpCenter.Articles.ContentStore>().Current;
        var en = await GetJsonAsync("/api/search?q=withdrawl+fee&lang=en");
        Assert.Equal("withdrawal-fees", en.GetProperty("results")[0].GetProperty("slug").GetString());
        Assert.All(en.GetProperty("results").EnumerateArray(), r =>
        {
            var slug = r.GetProperty("slug").GetString()!;
            Assert.True(r.GetProperty("lang").GetString() == "en" || content.Find("en", slug) is null, slug);
            Assert.Equal("/en/articles/" + slug, r.GetProperty("url").GetString());
        });

        var zh = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString("忘记密码") + "&lang=zh");
        Assert.Equal("password-reset", zh.GetProperty("results")[0].GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%22%28%28%28")]
    [InlineData("%2F%5Bac%5D%2Aa%5Bac%5D%7B18%7D%2F")]
    [InlineData("%3Cscript%3E")]
    [InlineData("%00%01")]
    public async Task HostileOrEmptyQueriesGiveAnEmptyOrNormalResult(string q)
    {
        var json = await GetJsonAsync("/api/search?lang=ja&q=" + q);
        Assert.True(json.GetProperty("total").GetInt32() >= 0);
    }

    [Fact]
    public async Task NothingMatchedIsTotalZeroWithACorrectionWhenThereIsOne()
    {
        var unknown = await GetJsonAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("ステーキング"));
        Assert.Equal(0, unknown.GetProperty("total").GetInt32());
        Assert.Equal(0, unknown.GetProperty("results").GetArrayLength());
        Assert.Empty(unknown.GetProperty("facets").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("didYouMean").ValueKind);

        var typo = await GetJsonAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("パスワート"));
        Assert.Equal(0, typo.GetProperty("total").GetInt32());
        Assert.Equal("パスワード", typo.GetProperty("didYouMean").GetString());

        var guessed = await GetJsonAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("ステーキング 注文"));
        Assert.Equal("trading", guessed.GetProperty("guessedCategory").GetString());

        // Deflection reports count unanswered questions from the log (written by the analytics writer's batches).
        await factory.FlushAnalyticsAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        Assert.Equal(0, (await db.SearchLogs.OrderByDescending(l => l.Id).FirstAsync(l => l.Query == "ステーキング")).ResultCount);
    }

    [Fact]
    public async Task EnglishReadersFindJapaneseOnlyArticlesOpeningInEnglish()
    {
        var json = await GetJsonAsync("/api/search?lang=en&q=" + Uri.EscapeDataString("cancel order"));

        var hit = json.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("slug").GetString() == "cancel-order");
        Assert.Equal("ja", hit.GetProperty("lang").GetString());
        Assert.Equal("/en/articles/cancel-order", hit.GetProperty("url").GetString());
    }

    [Fact]
    public async Task SuggestMatchesEveryWordInAnyOrder()
    {
        foreach (var q in new[] { "入金 反映", "反映 入金" })
        {
            var json = await GetJsonAsync("/api/suggest?lang=ja&q=" + Uri.EscapeDataString(q));
            Assert.Equal("jpy-deposit-not-reflected", json[0].GetProperty("slug").GetString());
        }

        var english = await GetJsonAsync("/api/suggest?lang=en&q=" + Uri.EscapeDataString("cancel"));
        var cancel = english.EnumerateArray().Single(s => s.GetProperty("slug").GetString() == "cancel-order");
        Assert.Equal(("ja", "/en/articles/cancel-order"), (cancel.GetProperty("lang").GetString(), cancel.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task UnknownLanguageIsABadRequest() => await GetJsonAsync("/api/search?q=x&lang=fr", HttpStatusCode.BadRequest);

    [Fact]
    public async Task SuggestReturnsUpToEightTitlesIncludingWhileTypingKana()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(new Uri("/api/suggest?lang=ja&q=" + Uri.EscapeDataString("にだんか"), UriKind.Relative));
        var suggestions = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();

        Assert.InRange(suggestions.Count, 1, 8);
        Assert.Equal("two-factor-setup", suggestions[0].GetProperty("slug").GetString());
        Assert.Equal("/ja/articles/two-factor-setup", suggestions[0].GetProperty("url").GetString());
        Assert.Equal("二段階認証を設定する方法", suggestions[0].GetProperty("title").GetString());

        var many = JsonDocument.Parse(await (await factory.CreateClient().GetAsync(new Uri("/api/suggest?lang=ja&q=%E3%81%AE", UriKind.Relative))).Content.ReadAsStringAsync());
        Assert.True(many.RootElement.GetArrayLength() <= 8);
    }

    [Fact]
    public async Task SearchesAreRecordedWithoutPersonalData()
    {
        await GetJsonAsync("/api/search?lang=ja&q=" + Uri.EscapeDataString("taro@example.com 口座番号 12345678 出金"));
        await factory.FlushAnalyticsAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var log = await db.SearchLogs.OrderByDescending(l => l.Id).FirstAsync();
        Assert.Equal("[email] 口座番号 [number] 出金", log.Query);
        Assert.Equal("ja", log.Language);
        Assert.Equal("api", log.Source);
        Assert.Matches("^[0-9a-f]{32}$", log.SessionId);
    }
}
