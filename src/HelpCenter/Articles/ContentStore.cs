using HelpCenter.Infrastructure;

namespace HelpCenter.Articles;

/// <summary>
/// Holds the current <see cref="ContentSnapshot"/>. Readers take <see cref="Current"/> once per request
/// and work on that immutable value; a reload swaps in a new snapshot atomically.
/// </summary>
public sealed class ContentStore
{
    private readonly string _contentRoot;
    private readonly ILogger<ContentStore> _logger;
    private readonly Lock _reloadLock = new();
    private ContentSnapshot _current = ContentSnapshot.Empty;

    public ContentStore(SitePaths paths, ILogger<ContentStore> logger)
    {
        _contentRoot = paths.ContentRoot;
        _logger = logger;
        Reload();
    }

    public ContentSnapshot Current => Volatile.Read(ref _current);

    public string ContentRoot => _contentRoot;

    /// <summary>Raised after every reload with the new snapshot (the search index listens to it).</summary>
    public event Action<ContentSnapshot>? Reloaded;

    public void Reload()
    {
        ContentSnapshot snapshot;
        lock (_reloadLock)
        {
            snapshot = ContentLoader.Load(_contentRoot);
            Volatile.Write(ref _current, snapshot);
        }

        foreach (var problem in snapshot.Problems)
        {
            // One line per problem, naming file and line, so editors can find it in the log.
            _logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning,
                "Content problem: {Problem}", problem.ToString());
        }

        _logger.LogInformation("Loaded {Count} articles from {ContentRoot} ({Problems} problems)",
            snapshot.Articles.Count, _contentRoot, snapshot.Problems.Count);
        Reloaded?.Invoke(snapshot);
    }
}
