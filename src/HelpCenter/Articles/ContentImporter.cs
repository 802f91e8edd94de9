using System.Security.Cryptography;
using System.Text;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Articles;

/// <summary>
/// Brings the content folder into the database. A file whose text differs from the last import of it becomes a new
/// published revision by "file: path"; when the article had revisions from the console since that import, the file
/// still wins and the article is flagged (<see cref="StoredArticle.FileReplacedBrowserEdit"/>), with both in its
/// history. A file that is deleted, renamed away or broken takes its article offline if what is online came from it.
/// </summary>
public static class ContentImporter
{
    public const string FileAuthorPrefix = "file: ";

    /// <summary>Imports; returns whether anything customers see changed. Problems of the files are added to <paramref name="problems"/>.</summary>
    public static async Task<bool> ImportAsync(HelpCenterDbContext db, string contentRoot, DateTimeOffset now, List<ContentProblem> problems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(problems);
        var errorsBefore = problems.Count;
        var files = ContentLoader.ReadArticleFiles(contentRoot, problems);
        var broken = problems.Skip(errorsBefore).Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        var articles = await db.Articles.ToListAsync(cancellationToken);
        var byKey = articles.ToDictionary(a => (a.Language, a.Slug));
        var claimed = new HashSet<StoredArticle>();
        var changed = false;

        foreach (var file in files)
        {
            var hash = Hash(file.Text);
            var key = (file.Source.Language, file.Source.Slug);
            if (byKey.TryGetValue(key, out var article) && article.SourceFile == file.RelativePath && article.ImportedHash == hash)
            {
                claimed.Add(article);
                continue;
            }

            if (article is null)
            {
                article = new StoredArticle { Language = key.Language, Slug = key.Slug, CreatedAt = now };
                db.Articles.Add(article);
                byKey[key] = article;
            }

            var lastImported = article.ImportedNumber ?? 0;
            var browserEdited = article.Id != 0 && await db.ArticleRevisions.AnyAsync(
                r => r.ArticleId == article.Id && r.Number > lastImported && r.Origin != RevisionOrigin.File, cancellationToken);
            var number = article.HeadNumber + 1;
            db.ArticleRevisions.Add(NewRevision(article, number, file.Source, file.Source.Updated ?? DateOnly.FromDateTime(file.LastWriteUtc),
                FileAuthorPrefix + file.RelativePath, now, browserEdited ? "the file replaced changes made in the console" : null));

            // What the file says is online now: a pending review or schedule of an older revision no longer applies.
            article.HeadNumber = number;
            article.PublishedNumber = number;
            article.PublishedAt = now;
            article.UnpublishedAt = null;
            article.ReviewNumber = null;
            article.ScheduledNumber = null;
            article.PublishAt = null;
            article.SourceFile = file.RelativePath;
            article.ImportedHash = hash;
            article.ImportedNumber = number;
            article.FileReplacedBrowserEdit |= browserEdited;
            article.Touch(now);
            claimed.Add(article);
            changed = true;
        }

        // Articles whose file is gone, broken, or now belongs to another article.
        foreach (var article in byKey.Values.Where(a => a.SourceFile is not null && !claimed.Contains(a)))
        {
            if (article.PublishedNumber is { } published && published == article.ImportedNumber)
            {
                article.PublishedNumber = null;
                article.UnpublishedAt = now;
                changed = true;
            }

            // Forget the import, so that the file is imported again when it is fixed or comes back.
            article.ImportedHash = null;
            if (!broken.Contains(article.SourceFile!))
            {
                article.SourceFile = null;
            }

            article.Touch(now);
        }

        changed |= await ImportSynonymsAsync(db, contentRoot, now, cancellationToken);
        if (changed)
        {
            await ContentStore.BumpVersionAsync(db, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    public static ArticleRevision NewRevision(StoredArticle article, int number, ArticleSource source, DateOnly updated, string author, DateTimeOffset now, string? note,
        RevisionOrigin origin = RevisionOrigin.File, string? authorId = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(source);
        return new ArticleRevision
        {
            Article = article,
            Number = number,
            Title = source.Title,
            CategoryId = source.CategoryId,
            Tags = source.TagLines,
            Summary = source.Summary,
            Faq = source.Faq,
            Order = source.Order,
            Updated = source.Updated ?? updated,
            Body = source.Body,
            AuthorId = authorId,
            AuthorName = author.Length > 500 ? author[..500] : author,
            CreatedAt = now,
            Note = note,
            Origin = origin,
            BasedOn = number > 1 ? number - 1 : null,
        };
    }

    private static async Task<bool> ImportSynonymsAsync(HelpCenterDbContext db, string contentRoot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = Path.Combine(contentRoot, ContentLoader.SynonymsFile);
        if (!File.Exists(path))
        {
            return false;
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var hash = Hash(text);
        var stored = await db.Synonyms.FindAsync([StoredSynonyms.SingletonId], cancellationToken);
        if (stored?.ImportedHash == hash)
        {
            return false;
        }

        if (stored is null)
        {
            stored = new StoredSynonyms { Text = text };
            db.Synonyms.Add(stored);
        }

        stored.FileReplacedBrowserEdit |= stored.ChangedBy is { } by && !by.StartsWith(FileAuthorPrefix, StringComparison.Ordinal);
        stored.Text = text;
        stored.ImportedHash = hash;
        stored.ChangedBy = FileAuthorPrefix + ContentLoader.SynonymsFile;
        stored.ChangedAt = now;
        stored.Version++;
        return true;
    }

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
