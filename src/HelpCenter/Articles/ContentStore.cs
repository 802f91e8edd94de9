using System.Collections.Concurrent;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Articles;

/// <summary>
/// Holds the current <see cref="ContentSnapshot"/>: the published revision of every article in the database, the
/// categories file and the stored synonyms. Readers take <see cref="Current"/> once per request and work on that
/// immutable value; a reload builds a new snapshot and swaps it in atomically. Reloads run one at a time, and the
/// <see cref="Reloaded"/> event is raised inside that order, so listeners never see an older snapshot after a newer one.
/// The cached public pages are evicted as soon as the new snapshot is in, before any listener runs: nothing (a search
/// finding the new article, say) can show the change while a cached page still hides it.
/// </summary>
public sealed class ContentStore(SitePaths paths, IServiceScopeFactory scopes, TimeProvider clock, IOutputCacheStore pageCache, ILogger<ContentStore> logger)
    : IDisposable
{
    private readonly SemaphoreSlim _reloadGate = new(1, 1);

    // Rendering is the expensive part of a reload: each published revision is rendered once (revisions never change).
    private readonly ConcurrentDictionary<long, Article> _rendered = new();
    private ContentSnapshot _current = ContentSnapshot.Empty;
    private IReadOnlyList<ContentProblem> _fileProblems = [];

    public ContentSnapshot Current => Volatile.Read(ref _current);

    public string ContentRoot => paths.ContentRoot;

    /// <summary>The <see cref="ContentVersion"/> the current snapshot was built at.</summary>
    public long Version { get; private set; } = -1;

    /// <summary>
    /// Raised after every reload with the new snapshot: the search index listens to it, and so should anything that
    /// caches what customers see (output caching). This is the single "content changed" seam of the process.
    /// </summary>
    public event Action<ContentSnapshot>? Reloaded;

    /// <summary>
    /// Builds a new snapshot from the database. With <paramref name="importFiles"/>, the content folder is imported
    /// first (at start and after file changes); the console's actions change the database themselves and skip it.
    /// </summary>
    public async Task ReloadAsync(bool importFiles, CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            if (importFiles)
            {
                var fileProblems = new List<ContentProblem>();
                await ImportWithRetryAsync(db, fileProblems, cancellationToken);
                _fileProblems = fileProblems;
                foreach (var problem in fileProblems)
                {
                    // One line per problem, naming file and line, so editors can find it in the log.
                    logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning,
                        "Content problem: {Problem}", problem.ToString());
                }
            }

            var snapshot = await BuildAsync(db, cancellationToken);
            Volatile.Write(ref _current, snapshot);

            // The in-memory store evicts synchronously; waiting keeps "reloaded" meaning "served".
            await pageCache.EvictByTagAsync(PublicPageCache.ContentTag, CancellationToken.None);
            logger.LogInformation("Loaded {Count} published articles (content version {Version}, {Problems} problems)",
                snapshot.Articles.Count, Version, snapshot.Problems.Count);
            Reloaded?.Invoke(snapshot);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    public void Dispose() => _reloadGate.Dispose();

    /// <summary>Adds one to the content version in <paramref name="db"/>'s pending changes (saved with the change it marks).</summary>
    public static async Task BumpVersionAsync(HelpCenterDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await db.ContentVersions.FindAsync([ContentVersion.SingletonId], cancellationToken);
        if (version is null)
        {
            db.ContentVersions.Add(new ContentVersion { Value = 1, ChangedAt = now });
        }
        else
        {
            version.Value++;
            version.ChangedAt = now;
        }
    }

    private async Task ImportWithRetryAsync(HelpCenterDbContext db, List<ContentProblem> problems, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                problems.Clear();
                await ContentImporter.ImportAsync(db, ContentRoot, clock.GetUtcNow(), problems, cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another instance imported the same change at the same moment (unique slug or revision number, or
                // the article's version): read again; its revisions now match the files.
                logger.LogInformation(ex, "Content import raced with another writer; importing again");
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ContentSnapshot> BuildAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        Version = (await db.ContentVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == ContentVersion.SingletonId, cancellationToken))?.Value ?? 0;
        var published = await PublishedAsync(db, cancellationToken);
        var problems = new List<ContentProblem>(_fileProblems);
        var categories = ContentLoader.LoadCategories(ContentRoot, problems);
        var articles = new List<Article>(published.Count);
        foreach (var row in published.OrderBy(r => r.SourceFile ?? ExportPath(r.Language, r.Revision.CategoryId, r.Slug), StringComparer.Ordinal))
        {
            var path = row.SourceFile ?? ExportPath(row.Language, row.Revision.CategoryId, row.Slug);
            try
            {
                articles.Add(_rendered.GetOrAdd(row.Revision.Id, _ => row.Revision.ToSource(row.Language, row.Slug).Render(row.Revision.Updated, path)));
            }
            catch (MarkdownTooComplexException ex)
            {
                problems.Add(new(path, null, ProblemSeverity.Error, ex.Message));
            }
        }

        var live = published.Select(r => r.Revision.Id).ToHashSet();
        foreach (var id in _rendered.Keys.Where(id => !live.Contains(id)))
        {
            _rendered.TryRemove(id, out _);
        }

        problems.AddRange(ContentLoader.CategoryWarnings(articles, categories));
        var synonyms = await db.Synonyms.AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoredSynonyms.SingletonId, cancellationToken);
        var synonymSet = synonyms is null ? Search.SynonymSet.Empty : ContentLoader.ParseSynonyms(synonyms.Text, problems);
        return new ContentSnapshot(articles, categories, problems, synonymSet);
    }

    /// <summary>Every article's published revision: what customers see and what <c>export-content</c> writes.</summary>
    public static async Task<IReadOnlyList<PublishedRevision>> PublishedAsync(HelpCenterDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (
                from article in db.Articles.AsNoTracking()
                from revision in db.ArticleRevisions.AsNoTracking()
                where article.PublishedNumber != null && revision.ArticleId == article.Id && revision.Number == article.PublishedNumber
                select new PublishedRevision(article.Language, article.Slug, article.SourceFile, revision))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Where <c>export-content</c> writes an article that did not come from a file.</summary>
    public static string ExportPath(string language, string categoryId, string slug) => $"{language}/{categoryId}/{slug}.md";
}

/// <summary>An article's published revision with the article's language, slug and source file.</summary>
public sealed record PublishedRevision(string Language, string Slug, string? SourceFile, ArticleRevision Revision);
