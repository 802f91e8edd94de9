using HelpCenter.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpCenter.UnitTests.Search;

public sealed class IndexLifecycleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hc-index-" + Guid.NewGuid().ToString("N")[..10]);

    private static readonly SearchDocument Article = new("ja", "reset", "パスワードの再設定", ["パスワード"], "手順", "パスワードを忘れたら再設定します。", "security", "/ja/articles/reset");

    private SearchEngine Open(bool forceIcu) => new(new SearchEngineOptions { IndexPath = _folder, ForceIcu = forceIcu }, NullLogger.Instance);

    [Fact]
    public void SyncAddsChangesAndDeletesOnlyWhatChanged()
    {
        using var engine = Open(forceIcu: false);
        Assert.Equal(1, engine.Sync([Article]));
        Assert.Equal(0, engine.Sync([Article]));
        Assert.Equal(1, engine.Sync([Article with { Title = "パスワードをリセット" }]));
        Assert.Equal("パスワードをリセット", engine.Search(new SearchRequest("リセット", "ja")).Hits.Single().Title);
        Assert.Equal(1, engine.Sync([]));
        Assert.Equal(0, engine.DocumentCount);
    }

    [Fact]
    public void ReopenedIndexKeepsItsDocumentsAndSkipsUnchangedOnes()
    {
        using (var first = Open(forceIcu: false))
        {
            first.Sync([Article]);
        }

        using var second = Open(forceIcu: false);
        Assert.Equal(1, second.DocumentCount);
        Assert.Equal(0, second.Sync([Article]));
    }

    [Fact]
    public void IndexBuiltWithAnotherAnalyzerIsRebuilt()
    {
        using (var mecab = Open(forceIcu: false))
        {
            mecab.Sync([Article]);
        }

        using var icu = Open(forceIcu: true);
        Assert.Equal("icu", icu.AnalyzerName);
        Assert.Equal(0, icu.DocumentCount);
        Assert.Equal(1, icu.Sync([Article]));
        Assert.Equal("reset", icu.Search(new SearchRequest("パスワード", "ja")).Hits.Single().Slug);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
