using HelpCenter.Articles;
using HelpCenter.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpCenter.UnitTests.Search;

/// <summary>Two engines over the sample content: MeCab (the normal path) and the ICU fallback.</summary>
public sealed class SearchEngineFixture : IDisposable
{
    private readonly List<string> _folders = [];

    public SearchEngineFixture()
    {
        var snapshot = ContentLoader.Load(Repository.Content);
        Documents = snapshot.Articles.Select(HelpCenter.Search.SearchService.ToDocument).ToList();
        MeCab = Create(forceIcu: false, snapshot.Synonyms);
        Icu = Create(forceIcu: true, snapshot.Synonyms);

        // Pay for JIT compilation here, so that tests with time limits measure searching, not compiling.
        foreach (var engine in new[] { MeCab, Icu })
        {
            foreach (var language in new[] { "ja", "en", "zh" })
            {
                engine.Search(new SearchRequest("パスワード password 密码", language));
                engine.Suggest("ぱす", language);
            }
        }
    }

    public IReadOnlyList<SearchDocument> Documents { get; }

    public SearchEngine MeCab { get; }

    public SearchEngine Icu { get; }

    public SearchEngine Create(bool forceIcu, SynonymSet synonyms, IReadOnlyCollection<SearchDocument>? documents = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hc-index-" + Guid.NewGuid().ToString("N")[..10]);
        _folders.Add(folder);
        var engine = new SearchEngine(new SearchEngineOptions { IndexPath = folder, ForceIcu = forceIcu }, NullLogger.Instance);
        engine.SetSynonyms(synonyms);
        engine.Sync(documents ?? Documents.ToList());
        return engine;
    }

    public IReadOnlyList<string> Slugs(string query, string language = "ja", SearchEngine? engine = null) =>
        (engine ?? MeCab).Search(new SearchRequest(query, language, Limit: 10)).Hits.Select(h => h.Slug).ToList();

    public void Dispose()
    {
        MeCab.Dispose();
        Icu.Dispose();
        foreach (var folder in _folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // An engine created by a test may still be open; the OS cleans the temp folder.
            }
        }
    }
}
