using HelpCenter.Articles;
using HelpCenter.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpCenter.Search;

/// <summary>
/// Owns the process's <see cref="SearchEngine"/> and keeps it in step with the content: a full sync when the content
/// is first loaded (the stored index is brought in line with the content, the source of truth: only what changed is
/// indexed), then one after every content reload.
/// </summary>
public sealed class SearchService : IDisposable
{
    private readonly SearchEngine _engine;
    private readonly ContentStore _content;
    private readonly ILogger<SearchService> _logger;

    public SearchService(SitePaths paths, IOptions<SearchOptions> options, ContentStore content, ILogger<SearchService> logger)
    {
        _content = content;
        _logger = logger;
        _engine = new SearchEngine(EngineOptions(paths, options.Value), logger);

        // Not against the empty snapshot before the first load: that emptied the stored index at every start, which
        // then indexed every article again (15 s with 10,000). Subscribed first, so a load in between is not missed.
        content.Reloaded += Sync;
        if (content.Version >= 0)
        {
            Sync(content.Current);
        }
    }

    public SearchEngine Engine => _engine;

    /// <summary>The content version the index last synced to (-1 before the first sync).</summary>
    public long SyncedVersion { get; private set; } = -1;

    /// <summary>True once the index holds the articles of a loaded snapshot: until then searches find nothing and the
    /// instance is not ready for traffic.</summary>
    public bool Ready => SyncedVersion >= 0 && (_engine.DocumentCount > 0 || _content.Current.Articles.Count == 0);

    /// <summary>Where the index lives for these settings.</summary>
    public static string IndexPath(SitePaths paths, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.IndexPath)
            ? Path.Combine(paths.DataRoot, "search-index", Environment.MachineName)
            : Path.GetFullPath(options.IndexPath, paths.DataRoot);
    }

    public static SearchEngineOptions EngineOptions(SitePaths paths, SearchOptions options) => new()
    {
        IndexPath = IndexPath(paths, options),
        MeCabDictionary = string.IsNullOrWhiteSpace(options.MeCabDictionary) ? null : options.MeCabDictionary,
        ForceIcu = options.ForceIcu,
        ResultCacheSize = options.ResultCacheSize,
    };

    public static SearchDocument ToDocument(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new SearchDocument(article.Language, article.Slug, article.Title, article.Tags, article.Summary, article.PlainText,
            article.CategoryId, article.Url, article.Faq);
    }

    public void Dispose()
    {
        _content.Reloaded -= Sync;
        _engine.Dispose();
    }

    private void Sync(ContentSnapshot snapshot)
    {
        var started = TimeProvider.System.GetTimestamp();
        _engine.SetSynonyms(snapshot.Synonyms);
        var changed = _engine.Sync(snapshot.Articles.Select(ToDocument).ToList());
        SyncedVersion = _content.Version;
        _logger.LogInformation("Search index synced: {Changed} documents changed, {Total} in the index ({Analyzer}) in {Elapsed} ms",
            changed, _engine.DocumentCount, _engine.AnalyzerName, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds.ToString("F0"));
    }
}
