using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// The deflection funnel of the contact flow (started -> suggestions shown -> opened -> solved / escalated by channel)
/// by day (site time zone), topic, language and entry page, and the solved flows whose visitor escalated another flow
/// within 24 hours ("came back"). Deflection rate = (solved - came back) / started. Closed days come from the daily
/// <see cref="FlowDay"/> rows of <see cref="InsightsRollup"/>, later days (today) from the raw flows.
/// </summary>
public sealed class DeflectionReport(HelpCenterDbContext db, SiteClock clock, InsightsRollup rollup, IOptions<InsightsOptions> options)
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

        var days = filter.DaysOf(clock);
        var rows = await rollup.DaysAsync(db, db.FlowDays, days, filter.Language, rollup.FlowsOfDayAsync, cancellationToken);

        var byDay = rows.ToLookup(r => r.Day);
        return new Report(
            days.Reverse().Select(d => Summarise(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), byDay[d])).ToList(),
            rows.GroupBy(r => r.Topic).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            rows.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Summarise(g.Key, g)).ToList(),
            rows.GroupBy(r => r.EntryPage).Select(g => Summarise(g.Key, g)).OrderByDescending(r => r.Started).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Take(options.Value.RowsPerTable).ToList(),
            rows.Where(r => r.Channel is not null).GroupBy(r => Enum.Parse<RequestChannel>(r.Channel!)).OrderBy(g => g.Key)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Escalated)),
            Summarise("total", rows));
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

    private static Row Summarise(string key, IEnumerable<FlowDay> group)
    {
        var list = group.ToList();
        return new Row(key, list.Sum(r => r.Started), list.Sum(r => r.Shown), list.Sum(r => r.Opened), list.Sum(r => r.Solved),
            list.Sum(r => r.Escalated), list.Sum(r => r.CameBack));
    }
}
