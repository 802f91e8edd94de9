using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Contact;

/// <summary>
/// The deflection funnel by day (site time zone) and by topic: flows started, suggestions shown, opened, solved, escalated
/// (by channel), and solved flows whose visitor escalated another flow within 24 hours ("came back").
/// Deflection rate = solved without escalation / started.
/// </summary>
public sealed class DeflectionReport(HelpCenterDbContext db, SiteClock clock)
{
    public sealed record Row(string Key, int Started, int Shown, int Opened, int Solved, int Escalated, int CameBack)
    {
        public double Rate => Started == 0 ? 0 : (double)(Solved - CameBack) / Started;
    }

    public sealed record Report(IReadOnlyList<Row> ByDay, IReadOnlyList<Row> ByTopic, IReadOnlyDictionary<RequestChannel, int> ByChannel, Row Total);

    public async Task<Report> BuildAsync(int days, CancellationToken cancellationToken = default)
    {
        var since = clock.UtcNow.AddDays(-days);

        // SQLite cannot filter DateTimeOffset in SQL; flows are small rows, and the report is for staff only.
        var flows = (await db.ContactFlows.AsNoTracking()
                .Select(f => new { f.VisitorId, f.Topic, f.StartedAt, f.ShownSlugs, f.OpenedSlugs, f.SolvedAt, f.EscalatedAt, f.EscalatedChannel })
                .ToListAsync(cancellationToken))
            .Where(f => f.StartedAt >= since)
            .ToList();
        var escalations = flows.Where(f => f.EscalatedAt is not null).ToLookup(f => f.VisitorId);

        var facts = flows.Select(f => new Fact(
            clock.DayOf(f.StartedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            f.Topic ?? "-",
            !string.IsNullOrEmpty(f.ShownSlugs),
            !string.IsNullOrEmpty(f.OpenedSlugs),
            f.SolvedAt is not null && f.EscalatedAt is null,
            f.EscalatedAt is not null,
            f.EscalatedChannel,
            f.SolvedAt is { } solved && f.EscalatedAt is null
                && escalations[f.VisitorId].Any(e => e.EscalatedAt > solved && e.EscalatedAt <= solved.AddHours(24)))).ToList();

        static Row Summarise(string key, IEnumerable<Fact> group)
        {
            var list = group.ToList();
            return new Row(key, list.Count, list.Count(f => f.Shown), list.Count(f => f.Opened), list.Count(f => f.Solved),
                list.Count(f => f.Escalated), list.Count(f => f.CameBack));
        }

        return new Report(
            facts.GroupBy(f => f.Day).OrderByDescending(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            facts.GroupBy(f => f.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            facts.Where(f => f.EscalatedChannel is not null).GroupBy(f => f.EscalatedChannel!.Value).ToDictionary(g => g.Key, g => g.Count()),
            Summarise("total", facts));
    }

    private sealed record Fact(string Day, string Topic, bool Shown, bool Opened, bool Solved, bool Escalated, RequestChannel? EscalatedChannel, bool CameBack);
}
