using HelpCenter.Articles;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Editor;

/// <summary>One line of the console's article list: the article, its newest revision and its badges.</summary>
public sealed record ArticleRow(StoredArticle Article, ArticleRevision Head, bool Stale, int Problems)
{
    public ArticleStatus Status => Article.Status;
}

/// <summary>Reads the articles with their newest revisions for the console's list and translation view.</summary>
public sealed class ArticleOverview(HelpCenterDbContext db, ContentStore content)
{
    public async Task<IReadOnlyList<ArticleRow>> RowsAsync(CancellationToken cancellationToken = default)
    {
        var heads = await (
                from article in db.Articles.AsNoTracking()
                from revision in db.ArticleRevisions.AsNoTracking()
                where revision.ArticleId == article.Id && revision.Number == article.HeadNumber
                select new { Article = article, Revision = revision })
            .ToListAsync(cancellationToken);
        var originals = heads.Where(h => h.Article.Language == Languages.Default).ToDictionary(h => h.Article.Slug, h => h.Revision.CreatedAt);
        var snapshot = content.Current;
        return heads
            .Select(h => new ArticleRow(h.Article, h.Revision, IsStale(h.Article, h.Revision, originals),
                ArticleChecks.Check(h.Revision.ToSource(h.Article.Language, h.Article.Slug), snapshot).Count))
            .ToList();
    }

    /// <summary>
    /// A translation is out of date when its Japanese original has a revision newer than the translation's newest one:
    /// the original changed after the translator last worked on it.
    /// </summary>
    public static bool IsStale(StoredArticle article, ArticleRevision head, IReadOnlyDictionary<string, DateTimeOffset> originals)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(originals);
        return article.Language != Languages.Default && originals.TryGetValue(article.Slug, out var changed) && changed > head.CreatedAt;
    }
}
