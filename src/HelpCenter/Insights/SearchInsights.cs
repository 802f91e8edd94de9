using System.Text.RegularExpressions;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Search.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// What customers search: top queries, queries without results, queries without a click, grouped by normalised form
/// per language; click-through rate, mean clicked rank, and searches followed by a contact request within 30 minutes.
/// Read from <c>SearchLogs</c> (written by the analytics pipeline) with aggregate SQL; nothing here names a visitor.
/// </summary>
public sealed partial class SearchInsights(HelpCenterDbContext db, SiteClock clock, IOptions<InsightsOptions> options, TimeProvider time)
{
    /// <summary>A contact request this soon after a search counts as "the search did not help".</summary>
    public static readonly TimeSpan ContactWindow = TimeSpan.FromMinutes(30);

    public sealed record QueryRow(string Language, string Key, string Query, int Searches, int NoResult, int NoClick, int Clicks, long RankSum, int FollowedByContact)
    {
        public double ClickThrough => Searches == 0 ? 0 : (double)Clicks / Searches;

        public double? MeanRank => Clicks == 0 ? null : (double)RankSum / Clicks;
    }

    public sealed record DayRow(DateOnly Day, int Searches, int NoResult, int Clicks);

    public sealed record Report(QueryRow Total, IReadOnlyList<DayRow> ByDay, IReadOnlyList<QueryRow> Top, IReadOnlyList<QueryRow> NoResult,
        IReadOnlyList<QueryRow> NoClick, IReadOnlyList<QueryRow> FollowedByContact, IReadOnlyList<DismissedQuery> Dismissed);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The form queries are grouped by: NFKC, lower case, one space between words, no trailing ?/!/。
    /// ("パスワード？", "ﾊﾟｽﾜｰﾄﾞ ?" and "パスワード" are one query).</summary>
    public static string Normalize(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = JapaneseText.Normalize(query).ToLowerInvariant();
        text = Spaces().Replace(text, " ").Trim().TrimEnd('?', '!', '。', '.', '、', ',', ' ');
        return text.Length == 0 ? query.Trim() : text;
    }

    public async Task<Report> BuildAsync(InsightsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = filter.From(clock);
        var to = time.GetUtcNow().AddMinutes(1);
        var parameters = new Dictionary<string, object?>
        {
            ["@from"] = InsightsSql.Bound(db, from),
            ["@to"] = InsightsSql.Bound(db, to),
            ["@fromSearch"] = InsightsSql.Bound(db, from - ContactWindow),
            ["@lang"] = filter.Language,
        };

        var raw = await InsightsSql.QueryAsync(db, """
            SELECT "Language", "Query", COUNT(*), SUM(CASE WHEN "ResultCount" = 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "ResultCount" > 0 AND "ClickedSlug" IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "ClickedSlug" IS NOT NULL THEN 1 ELSE 0 END), COALESCE(SUM("ClickedRank"), 0)
            FROM "SearchLogs"
            WHERE "CreatedAt" >= @from AND "CreatedAt" < @to AND (@lang IS NULL OR "Language" = @lang)
            GROUP BY "Language", "Query"
            """, parameters, r => new QueryRow(r.GetString(0), "", r.GetString(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5), r.Long(6), 0),
            cancellationToken);

        // Searches followed by a contact request of the same visitor within 30 minutes (each search counted once).
        var contacts = await InsightsSql.QueryAsync(db, """
            SELECT s."Id", s."Language", s."Query", s."CreatedAt", f."EscalatedAt"
            FROM "ContactFlows" f JOIN "SearchLogs" s ON s."SessionId" = f."VisitorId"
            WHERE f."EscalatedAt" IS NOT NULL AND f."EscalatedAt" >= @from AND f."EscalatedAt" < @to
              AND s."CreatedAt" >= @fromSearch AND s."CreatedAt" < @to AND (@lang IS NULL OR s."Language" = @lang)
            """, parameters, r => (Id: r.Long(0), Language: r.GetString(1), Query: r.GetString(2), At: r.Time(3), Contact: r.Time(4)),
            cancellationToken);
        var followed = contacts
            .Where(c => c.Contact >= c.At && c.Contact - c.At <= ContactWindow && c.At >= from)
            .DistinctBy(c => c.Id)
            .GroupBy(c => (c.Language, Normalize(c.Query)))
            .ToDictionary(g => g.Key, g => g.Count());

        var groups = raw
            .GroupBy(r => (r.Language, Key: Normalize(r.Query)))
            .Select(g => new QueryRow(g.Key.Language, g.Key.Key, g.MaxBy(r => r.Searches)!.Query, g.Sum(r => r.Searches), g.Sum(r => r.NoResult),
                g.Sum(r => r.NoClick), g.Sum(r => r.Clicks), g.Sum(r => r.RankSum), followed.GetValueOrDefault(g.Key)))
            .ToList();

        var hours = await InsightsSql.QueryAsync(db, $"""
            SELECT {InsightsSql.HourOf(db, "\"CreatedAt\"")}, COUNT(*), SUM(CASE WHEN "ResultCount" = 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN "ClickedSlug" IS NOT NULL THEN 1 ELSE 0 END)
            FROM "SearchLogs"
            WHERE "CreatedAt" >= @from AND "CreatedAt" < @to AND (@lang IS NULL OR "Language" = @lang)
            GROUP BY 1
            """, parameters, r => (Hour: InsightsSql.ParseHour(r.GetString(0)), Searches: r.Int(1), NoResult: r.Int(2), Clicks: r.Int(3)),
            cancellationToken);
        var byDay = hours.GroupBy(h => clock.DayOf(h.Hour)).ToDictionary(g => g.Key, g => new DayRow(g.Key, g.Sum(h => h.Searches), g.Sum(h => h.NoResult), g.Sum(h => h.Clicks)));

        var dismissed = await db.DismissedQueries.AsNoTracking()
            .Where(d => filter.Language == null || d.Language == filter.Language)
            .OrderBy(d => d.Language).ThenBy(d => d.Key)
            .ToListAsync(cancellationToken);
        var hidden = dismissed.Select(d => (d.Language, d.Key)).ToHashSet();
        var open = groups.Where(g => !hidden.Contains((g.Language, g.Key))).ToList();
        var limit = options.Value.RowsPerTable;

        var total = new QueryRow("", "", "", groups.Sum(g => g.Searches), groups.Sum(g => g.NoResult), groups.Sum(g => g.NoClick),
            groups.Sum(g => g.Clicks), groups.Sum(g => g.RankSum), followed.Values.Sum());
        return new Report(
            total,
            filter.DaysOf(clock).Select(d => byDay.GetValueOrDefault(d) ?? new DayRow(d, 0, 0, 0)).ToList(),
            Order(groups, g => g.Searches).Take(limit).ToList(),
            Order(open.Where(g => g.NoResult > 0), g => g.NoResult).Take(limit).ToList(),
            Order(open.Where(g => g.NoClick > 0), g => g.NoClick).Take(limit).ToList(),
            Order(groups.Where(g => g.FollowedByContact > 0), g => g.FollowedByContact).Take(limit).ToList(),
            dismissed);
    }

    /// <summary>Hides a failed query of <paramref name="language"/> from the lists (idempotent).</summary>
    public async Task DismissAsync(string language, string query, string by, CancellationToken cancellationToken = default)
    {
        var key = Normalize(query);
        if (await db.DismissedQueries.AnyAsync(d => d.Language == language && d.Key == key, cancellationToken))
        {
            return;
        }

        db.DismissedQueries.Add(new DismissedQuery { Language = language, Key = key, DismissedAt = time.GetUtcNow(), DismissedBy = by });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two editors dismissed it at the same moment: it is dismissed.
        }
    }

    public async Task RestoreAsync(string language, string key, CancellationToken cancellationToken = default) =>
        await db.DismissedQueries.Where(d => d.Language == language && d.Key == key).ExecuteDeleteAsync(cancellationToken);

    private static IEnumerable<QueryRow> Order(IEnumerable<QueryRow> rows, Func<QueryRow, int> by) =>
        rows.OrderByDescending(by).ThenByDescending(r => r.Searches).ThenBy(r => r.Key, StringComparer.Ordinal);
}
