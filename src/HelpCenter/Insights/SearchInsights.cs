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
/// Read from the daily aggregates of <see cref="InsightsRollup"/> for closed days and from <c>SearchLogs</c> (written by
/// the analytics pipeline) for the days since; nothing here names a visitor.
/// </summary>
public sealed partial class SearchInsights(HelpCenterDbContext db, SiteClock clock, InsightsRollup rollup, IOptions<InsightsOptions> options, TimeProvider time)
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
        var days = filter.DaysOf(clock);
        var state = await db.InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken);
        var through = state?.ThroughDay ?? DateOnly.MinValue;
        var first = days[0];
        bool Wanted(string language) => filter.Language == null || language == filter.Language;

        // Days not rolled up yet (today) from the raw searches, with the roll-up's own code.
        var tail = new List<SearchQueryDay>();
        foreach (var day in days.Where(d => d > through))
        {
            tail.AddRange((await rollup.SearchQueriesOfDayAsync(db, day, cancellationToken)).Where(r => Wanted(r.Language)));
        }

        var stored = await db.SearchDays.AsNoTracking()
            .Where(d => d.Day >= first && d.Day <= through && (filter.Language == null || d.Language == filter.Language))
            .ToListAsync(cancellationToken);
        var perDay = stored.Select(d => (d.Day, d.Searches, d.NoResult, d.NoClick, d.Clicks, d.RankSum, d.FollowedByContact))
            .Concat(tail.Select(d => (d.Day, d.Searches, d.NoResult, d.NoClick, d.Clicks, d.RankSum, d.FollowedByContact)))
            .ToList();
        var byDay = perDay.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => new DayRow(g.Key, g.Sum(d => d.Searches), g.Sum(d => d.NoResult), g.Sum(d => d.Clicks)));
        var total = new QueryRow("", "", "", perDay.Sum(d => d.Searches), perDay.Sum(d => d.NoResult), perDay.Sum(d => d.NoClick), perDay.Sum(d => d.Clicks),
            perDay.Sum(d => d.RankSum), perDay.Sum(d => d.FollowedByContact));

        var dismissed = await db.DismissedQueries.AsNoTracking()
            .Where(d => filter.Language == null || d.Language == filter.Language)
            .OrderBy(d => d.Language).ThenBy(d => d.Key)
            .ToListAsync(cancellationToken);
        var hidden = dismissed.Select(d => (d.Language, d.Key)).ToHashSet();
        var limit = options.Value.RowsPerTable;

        var closed = through >= first
            ? await ClosedDaysAsync(filter, first, through, state, limit + dismissed.Count, tail, cancellationToken)
            : [];
        var groups = closed.Select(r => (r.Language, r.Key, r.Query, Weight: r.Searches, Row: r))
            .Concat(tail.Select(r => (r.Language, r.Key, r.Query, Weight: r.Searches,
                Row: new QueryRow(r.Language, r.Key, r.Query, r.Searches, r.NoResult, r.NoClick, r.Clicks, r.RankSum, r.FollowedByContact))))
            .GroupBy(r => (r.Language, r.Key))
            .Select(g => new QueryRow(g.Key.Language, g.Key.Key, g.MaxBy(r => r.Weight).Query, g.Sum(r => r.Row.Searches), g.Sum(r => r.Row.NoResult),
                g.Sum(r => r.Row.NoClick), g.Sum(r => r.Row.Clicks), g.Sum(r => r.Row.RankSum), g.Sum(r => r.Row.FollowedByContact)))
            .ToList();
        var open = groups.Where(g => !hidden.Contains((g.Language, g.Key))).ToList();

        return new Report(
            total,
            days.Select(d => byDay.GetValueOrDefault(d) ?? new DayRow(d, 0, 0, 0)).ToList(),
            Order(groups, g => g.Searches).Take(limit).ToList(),
            Order(open.Where(g => g.NoResult > 0), g => g.NoResult).Take(limit).ToList(),
            Order(open.Where(g => g.NoClick > 0), g => g.NoClick).Take(limit).ToList(),
            Order(groups.Where(g => g.FollowedByContact > 0), g => g.FollowedByContact).Take(limit).ToList(),
            dismissed);
    }

    /// <summary>
    /// The rolled-up days of the period per language and query: every query that can make one of the lists. From the
    /// preset's window when it ends yesterday: the first <paramref name="candidates"/> of each list there, and the queries
    /// searched since (today's searches only add to a query's figures, so a query outside a window's list that was not
    /// searched today cannot overtake one inside it). Otherwise the daily rows summed (slower, same figures).
    /// </summary>
    private async Task<List<QueryRow>> ClosedDaysAsync(InsightsFilter filter, DateOnly first, DateOnly through, InsightsRollupState? state, int candidates,
        List<SearchQueryDay> tail, CancellationToken cancellationToken)
    {
        var language = filter.Language;
        if (state?.WindowsThroughDay == through && through == clock.Today.AddDays(-1) && first == through.AddDays(2 - filter.Days))
        {
            var window = db.SearchQueryWindows.AsNoTracking().Where(w => w.Days == filter.Days && (language == null || w.Language == language));
            var rows = new List<SearchQueryWindow>();
            rows.AddRange(await window.OrderByDescending(w => w.Searches).ThenBy(w => w.Key).Take(candidates).ToListAsync(cancellationToken));
            rows.AddRange(await window.OrderByDescending(w => w.NoResult).ThenByDescending(w => w.Searches).ThenBy(w => w.Key).Take(candidates).ToListAsync(cancellationToken));
            rows.AddRange(await window.OrderByDescending(w => w.NoClick).ThenByDescending(w => w.Searches).ThenBy(w => w.Key).Take(candidates).ToListAsync(cancellationToken));
            rows.AddRange(await window.OrderByDescending(w => w.FollowedByContact).ThenByDescending(w => w.Searches).ThenBy(w => w.Key).Take(candidates)
                .ToListAsync(cancellationToken));
            foreach (var chunk in tail.Select(t => t.Key).Distinct().Chunk(1_000))
            {
                rows.AddRange(await window.Where(w => chunk.Contains(w.Key)).ToListAsync(cancellationToken));
            }

            return rows.DistinctBy(r => r.Id)
                .Select(r => new QueryRow(r.Language, r.Key, r.Query, r.Searches, r.NoResult, r.NoClick, r.Clicks, r.RankSum, r.FollowedByContact))
                .ToList();
        }

        var sums = new Dictionary<(string, string), (QueryRow Row, int Best)>();
        await foreach (var d in db.SearchQueryDays.AsNoTracking()
                           .Where(d => d.Day >= first && d.Day <= through && (language == null || d.Language == language))
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = (d.Language, d.Key);
            var (row, best) = sums.TryGetValue(key, out var sum) ? sum : (new QueryRow(d.Language, d.Key, d.Query, 0, 0, 0, 0, 0, 0), 0);
            row = row with
            {
                Query = d.Searches > best ? d.Query : row.Query,
                Searches = row.Searches + d.Searches,
                NoResult = row.NoResult + d.NoResult,
                NoClick = row.NoClick + d.NoClick,
                Clicks = row.Clicks + d.Clicks,
                RankSum = row.RankSum + d.RankSum,
                FollowedByContact = row.FollowedByContact + d.FollowedByContact,
            };
            sums[key] = (row, Math.Max(best, d.Searches));
        }

        return sums.Values.Select(v => v.Row).ToList();
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
