using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// The deflection funnel of the contact flow (started -> suggestions shown -> opened -> solved / escalated by channel)
/// by day (site time zone), topic, language and entry page, and the solved flows whose visitor escalated another flow
/// within 24 hours ("came back"). Deflection rate = (solved - came back) / started.
/// </summary>
public sealed class DeflectionReport(HelpCenterDbContext db, SiteClock clock, IOptions<InsightsOptions> options)
{
    public static readonly TimeSpan CameBackWindow = TimeSpan.FromHours(24);

    public sealed record Row(string Key, int Started, int Shown, int Opened, int Solved, int Escalated, int CameBack)
    {
        public double Rate => Started == 0 ? 0 : (double)(Solved - CameBack) / Started;
    }

    public sealed record Report(IReadOnlyList<Row> ByDay, IReadOnlyList<Row> ByTopic, IReadOnlyList<Row> ByLanguage, IReadOnlyList<Row> ByEntryPage,
        IReadOnlyDictionary<RequestChannel, int> ByChannel, Row Total);

    public async Task<Report> BuildAsync(InsightsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var from = filter.From(clock);
        var parameters = new Dictionary<string, object?> { ["@from"] = InsightsSql.Bound(db, from), ["@lang"] = filter.Language };

        // Flows of the period (small columns only), and every escalation since its start for "came back".
        var flows = await InsightsSql.QueryAsync(db, """
            SELECT "VisitorId", "Language", "Topic", "StartPage", "StartedAt",
                   CASE WHEN "ShownSlugs" IS NOT NULL AND "ShownSlugs" <> '' THEN 1 ELSE 0 END,
                   CASE WHEN "OpenedSlugs" IS NOT NULL AND "OpenedSlugs" <> '' THEN 1 ELSE 0 END, "SolvedAt", "EscalatedAt", "EscalatedChannel"
            FROM "ContactFlows"
            WHERE "StartedAt" >= @from AND (@lang IS NULL OR "Language" = @lang)
            """, parameters, r => new Flow(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3), r.Time(4),
                r.Int(5) == 1, r.Int(6) == 1, r.NullableTime(7), r.NullableTime(8),
                Enum.TryParse<RequestChannel>(r.NullableString(9), out var channel) ? channel : null), cancellationToken);
        var escalations = (await InsightsSql.QueryAsync(db, """
                SELECT "VisitorId", "EscalatedAt" FROM "ContactFlows" WHERE "EscalatedAt" IS NOT NULL AND "EscalatedAt" >= @from
                """, parameters, r => (Visitor: r.GetString(0), At: r.Time(1)), cancellationToken))
            .ToLookup(e => e.Visitor, e => e.At);

        var facts = flows.Select(f => new Fact(
            clock.DayOf(f.StartedAt),
            f.Topic ?? "-",
            f.Language,
            EntryPage(f.StartPage),
            f.Shown,
            f.Opened,
            f.SolvedAt is not null && f.EscalatedAt is null,
            f.EscalatedAt is not null,
            f.EscalatedChannel,
            f.SolvedAt is { } solved && f.EscalatedAt is null
                && escalations[f.VisitorId].Any(e => e > solved && e <= solved + CameBackWindow))).ToList();

        var days = facts.ToLookup(f => f.Day);
        return new Report(
            filter.DaysOf(clock).Reverse().Select(d => Summarise(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), days[d])).ToList(),
            facts.GroupBy(f => f.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            facts.GroupBy(f => f.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            facts.GroupBy(f => f.EntryPage).Select(g => Summarise(g.Key, g)).OrderByDescending(r => r.Started).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(options.Value.RowsPerTable).ToList(),
            facts.Where(f => f.EscalatedChannel is not null).GroupBy(f => f.EscalatedChannel!.Value).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            Summarise("total", facts));
    }

    /// <summary>The page a flow started from, without its query string (which may hold a search); "-" when unknown.</summary>
    public static string EntryPage(string? startPage)
    {
        if (string.IsNullOrWhiteSpace(startPage))
        {
            return "-";
        }

        var end = startPage.IndexOfAny(['?', '#']);
        return end >= 0 ? startPage[..end] : startPage;
    }

    private static Row Summarise(string key, IEnumerable<Fact> group)
    {
        var list = group.ToList();
        return new Row(key, list.Count, list.Count(f => f.Shown), list.Count(f => f.Opened), list.Count(f => f.Solved),
            list.Count(f => f.Escalated), list.Count(f => f.CameBack));
    }

    private sealed record Flow(string VisitorId, string Language, string? Topic, string? StartPage, DateTimeOffset StartedAt, bool Shown, bool Opened,
        DateTimeOffset? SolvedAt, DateTimeOffset? EscalatedAt, RequestChannel? EscalatedChannel);

    private sealed record Fact(DateOnly Day, string Topic, string Language, string EntryPage, bool Shown, bool Opened, bool Solved, bool Escalated,
        RequestChannel? EscalatedChannel, bool CameBack);
}
