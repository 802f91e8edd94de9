using HelpCenter.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpCenter.UnitTests.Search;

/// <summary>Kept results are answers of the index and synonyms of the moment: never an older index's or older rules'.</summary>
public sealed class ResultCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hc-cache-" + Guid.NewGuid().ToString("N")[..10]);

    private static readonly SearchDocument Reset = new("ja", "reset", "パスワードの再設定", ["パスワード"], "手順", "パスワードを忘れたら再設定します。", "security", "/ja/articles/reset");
    private static readonly SearchDocument Fees = new("ja", "fees", "手数料の一覧", ["手数料"], "料金", "出金手数料と取引手数料の一覧です。", "fees", "/ja/articles/fees");

    private SearchEngine Open(int cacheSize) =>
        new(new SearchEngineOptions { IndexPath = _folder, ResultCacheSize = cacheSize }, NullLogger.Instance);

    [Fact]
    public void TheSameRequestIsAnsweredFromTheKeptResults()
    {
        using var engine = Open(cacheSize: 10);
        engine.Sync([Reset, Fees]);
        var first = engine.Search(new SearchRequest("パスワード", "ja"));
        Assert.Same(first, engine.Search(new SearchRequest("パスワード", "ja")));
        Assert.NotSame(first, engine.Search(new SearchRequest("パスワード", "ja", Offset: 1)));
        Assert.Equal("reset", first.Hits.Single().Slug);
    }

    [Fact]
    public void WithoutACacheEverySearchRuns()
    {
        using var engine = Open(cacheSize: 0);
        engine.Sync([Reset]);
        Assert.NotSame(engine.Search(new SearchRequest("パスワード", "ja")), engine.Search(new SearchRequest("パスワード", "ja")));
    }

    [Fact]
    public void AChangedArticleIsFoundAtOnce()
    {
        using var engine = Open(cacheSize: 10);
        engine.Sync([Reset, Fees]);
        Assert.Equal(0, engine.Search(new SearchRequest("リセット", "ja")).Total);

        engine.Sync([Reset with { Title = "パスワードをリセット" }, Fees]);
        Assert.Equal("reset", engine.Search(new SearchRequest("リセット", "ja")).Hits.Single().Slug);

        engine.Sync([Fees]);
        Assert.Equal(0, engine.Search(new SearchRequest("リセット", "ja")).Total);
    }

    [Fact]
    public void NewSynonymsApplyAtOnceAndRulesBeingTriedAreNeverKept()
    {
        using var engine = Open(cacheSize: 10);
        engine.Sync([Reset, Fees]);
        Assert.Equal(0, engine.Search(new SearchRequest("チャージ", "ja")).Total);

        var rules = SynonymSet.Parse("チャージ, 手数料", out _);
        Assert.Equal("fees", engine.Search(new SearchRequest("チャージ", "ja"), rules).Hits.Single().Slug);
        Assert.Equal(0, engine.Search(new SearchRequest("チャージ", "ja")).Total);

        engine.SetSynonyms(rules);
        Assert.Equal("fees", engine.Search(new SearchRequest("チャージ", "ja")).Hits.Single().Slug);
    }

    [Fact]
    public void AFullCacheStartsAgainAndStillAnswersRight()
    {
        using var engine = Open(cacheSize: 2);
        engine.Sync([Reset, Fees]);
        foreach (var query in new[] { "パスワード", "手数料", "再設定", "出金", "パスワード" })
        {
            var kept = engine.Search(new SearchRequest(query, "ja"));
            Assert.Equal(kept.Total, engine.Search(new SearchRequest(query, "ja") { Suggest = false }).Total);
            Assert.True(kept.Total > 0, query);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
