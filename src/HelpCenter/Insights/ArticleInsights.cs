using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// How articles do: views, helpful / not helpful votes and their comments (with a "done" mark), the articles read
/// just before a contact request, published articles nobody opened in the period, and translations older than their
/// Japanese original. Views come from the daily aggregates of <see cref="InsightsRollup"/> for closed days and from
/// <c>ArticleViews</c> (written by the analytics pipeline) for the days since.
/// </summary>
public sealed class ArticleInsights(HelpCenterDbContext db, ContentStore content, ArticleOverview overview, SiteClock clock, InsightsRollup rollup,
    IOptions<InsightsOptions> options, TimeProvider time)
{
    /// <summary>A view this soon before a contact request counts as "read just before asking".</summary>
    public static readonly TimeSpan ContactWindow = TimeSpan.FromMinutes(30);

    public sealed record ArticleRow(string Language, string Slug, string Title, int Views, int Helpful, int NotHelpful, int Comments, int BeforeContact)
    {
        /// <summary>Share of votes that said "helpful"; null without votes.</summary>
        public double? HelpfulShare => Helpful + NotHelpful == 0 ? null : (double)Helpful / (Helpful + NotHelpful);
    }

    public sealed record CommentRow(long Id, string Language, string Slug, string Title, bool Helpful, string Comment, DateTimeOffset At, bool Done);

    public sealed record DayRow(DateOnly Day, int Views);

    public sealed record Report(int Views, int Helpful, int NotHelpful, IReadOnlyList<DayRow> ByDay, IReadOnlyList<ArticleRow> MostViewed,
        IReadOnlyList<ArticleRow> MostNotHelpful, IReadOnlyList<CommentRow> Comments, IReadOnlyList<ArticleRow> BeforeContact,
        IReadOnlyList<Article> NotViewed, IReadOnlyList<ArticleRow> StaleTranslations);

    public async Task<Report> BuildAsync(InsightsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = filter.From(clock);
        var parameters = new Dictionary<string, object?>
        {
            ["@from"] = InsightsSql.Bound(db, from),
            ["@lang"] = filter.Language,
        };

        var days = filter.DaysOf(clock);
        var daily = await rollup.DaysAsync(db, db.ArticleDays, days, filter.Language, rollup.ArticlesOfDayAsync, cancellationToken);

        var views = daily.Where(d => d.Views > 0).GroupBy(d => (d.Language, d.Slug)).ToDictionary(g => g.Key, g => g.Sum(d => d.Views));
        var byDay = daily.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.Sum(d => d.Views));
        var beforeContact = daily.Where(d => d.BeforeContact > 0).GroupBy(d => (d.Language, d.Slug)).ToDictionary(g => g.Key, g => g.Sum(d => d.BeforeContact));

        var votes = (await InsightsSql.QueryAsync(db, """
                SELECT "Language", "Slug", SUM(CASE WHEN "Helpful" THEN 1 ELSE 0 END), SUM(CASE WHEN "Helpful" THEN 0 ELSE 1 END),
                       SUM(CASE WHEN "Comment" IS NOT NULL THEN 1 ELSE 0 END)
                FROM "ArticleFeedback"
                WHERE "UpdatedAt" >= @from AND (@lang IS NULL OR "Language" = @lang)
                GROUP BY "Language", "Slug"
                """, parameters, r => (Language: r.GetString(0), Slug: r.GetString(1), Helpful: r.Int(2), NotHelpful: r.Int(3), Comments: r.Int(4)),
                cancellationToken))
            .ToDictionary(v => (v.Language, v.Slug));

        var snapshot = content.Current;
        var keys = views.Keys.Concat(votes.Keys).Concat(beforeContact.Keys).Distinct();
        var rows = keys.Select(k =>
        {
            var vote = votes.GetValueOrDefault(k);
            return new ArticleRow(k.Language, k.Slug, snapshot.Find(k.Language, k.Slug)?.Title ?? k.Slug, views.GetValueOrDefault(k),
                vote.Helpful, vote.NotHelpful, vote.Comments, beforeContact.GetValueOrDefault(k));
        }).ToList();

        var comments = (await db.ArticleFeedback.AsNoTracking()
                .Where(f => f.Comment != null && (filter.Language == null || f.Language == filter.Language))
                .Select(f => new { f.Id, f.Language, f.Slug, f.Helpful, f.Comment, f.UpdatedAt, f.CommentDoneAt })
                .ToListAsync(cancellationToken))
            .Where(f => f.UpdatedAt >= from)
            .OrderBy(f => f.CommentDoneAt is not null).ThenByDescending(f => f.UpdatedAt)
            .Take(options.Value.RowsPerTable)
            .Select(f => new CommentRow(f.Id, f.Language, f.Slug, snapshot.Find(f.Language, f.Slug)?.Title ?? f.Slug, f.Helpful, f.Comment!, f.UpdatedAt, f.CommentDoneAt is not null))
            .ToList();

        var published = snapshot.Articles.Where(a => filter.Language == null || a.Language == filter.Language).ToList();
        var stale = (await overview.RowsAsync(cancellationToken))
            .Where(r => r.Stale && r.Article.PublishedNumber is not null && (filter.Language == null || r.Article.Language == filter.Language))
            .Select(r => new ArticleRow(r.Article.Language, r.Article.Slug, r.Head.Title, views.GetValueOrDefault((r.Article.Language, r.Article.Slug)), 0, 0, 0, 0))
            .OrderByDescending(r => r.Views).ThenBy(r => r.Slug, StringComparer.Ordinal)
            .ToList();

        var limit = options.Value.RowsPerTable;
        return new Report(
            views.Values.Sum(),
            votes.Values.Sum(v => v.Helpful),
            votes.Values.Sum(v => v.NotHelpful),
            days.Select(d => new DayRow(d, byDay.GetValueOrDefault(d))).ToList(),
            rows.Where(r => r.Views > 0).OrderByDescending(r => r.Views).ThenBy(r => r.Slug, StringComparer.Ordinal).Take(limit).ToList(),
            rows.Where(r => r.NotHelpful > 0).OrderByDescending(r => r.NotHelpful).ThenBy(r => r.HelpfulShare).ThenBy(r => r.Slug, StringComparer.Ordinal).Take(limit).ToList(),
            comments,
            rows.Where(r => r.BeforeContact > 0).OrderByDescending(r => r.BeforeContact).ThenBy(r => r.Slug, StringComparer.Ordinal).Take(limit).ToList(),
            published.Where(a => !views.ContainsKey((a.Language, a.Slug))).OrderBy(a => a.Language == Languages.Default ? 0 : 1).ThenBy(a => a.Language, StringComparer.Ordinal)
                .ThenBy(a => a.Slug, StringComparer.Ordinal).ToList(),
            stale);
    }

    /// <summary>Marks a comment as dealt with, or not.</summary>
    public async Task<bool> MarkDoneAsync(long id, bool done, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? at = done ? time.GetUtcNow() : null;
        return await db.ArticleFeedback.Where(f => f.Id == id && f.Comment != null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.CommentDoneAt, at), cancellationToken) == 1;
    }
}
