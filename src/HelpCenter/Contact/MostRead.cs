using HelpCenter.Articles;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Contact;

/// <summary>
/// The articles read most (article views of every visitor, any language of the article), for the page that says nothing
/// matched: offered as what readers of a topic usually open, never as matches. Lives beside the article views it counts
/// (Contact), not in Search, so that Search does not depend on Contact.
/// </summary>
public sealed class MostRead(HelpCenterDbContext db)
{
    /// <summary>Up to <paramref name="count"/> articles a reader of <paramref name="language"/> can see, in
    /// <paramref name="category"/> (any when null), most read first; FAQ articles then the category order among equals.</summary>
    public async Task<IReadOnlyList<Article>> ArticlesAsync(ContentSnapshot snapshot, string language, string? category, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var visible = snapshot.VisibleIn(language).Where(a => category is null || a.CategoryId == category).ToList();
        if (visible.Count == 0)
        {
            return [];
        }

        var slugs = visible.Select(a => a.Slug).Distinct().ToList();
        var views = await db.ArticleViews.AsNoTracking()
            .Where(v => slugs.Contains(v.Slug))
            .GroupBy(v => v.Slug)
            .Select(g => new { Slug = g.Key, Views = g.Count() })
            .ToDictionaryAsync(v => v.Slug, v => v.Views, cancellationToken);
        return visible
            .OrderByDescending(a => views.GetValueOrDefault(a.Slug))
            .ThenByDescending(a => a.Faq)
            .ThenBy(a => a.Order)
            .ThenBy(a => a.Slug, StringComparer.Ordinal)
            .Take(count)
            .ToList();
    }
}
