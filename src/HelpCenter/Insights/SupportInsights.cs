using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Insights;

/// <summary>
/// The support desk's week: requests by channel and hour of day (site time zone), chat waiting time, first-response
/// and handle time (median and p90), resolutions, survey answers per operator and language, and the requests still
/// open by age. Percentiles are nearest-rank: the p-th percentile is a value that was measured.
/// </summary>
public sealed class SupportInsights(HelpCenterDbContext db, SiteClock clock)
{
    public static readonly IReadOnlyList<(string Key, TimeSpan Below)> AgeBuckets =
    [
        ("1h", TimeSpan.FromHours(1)), ("4h", TimeSpan.FromHours(4)), ("24h", TimeSpan.FromHours(24)), ("3d", TimeSpan.FromDays(3)),
        ("7d", TimeSpan.FromDays(7)), ("older", TimeSpan.MaxValue),
    ];

    public sealed record Durations(int Count, TimeSpan? Median, TimeSpan? P90);

    public sealed record TimingRow(string Key, Durations Wait, Durations FirstResponse, Durations Handle);

    public sealed record SurveyRow(string Key, int Answers, double? Average, IReadOnlyList<int> ByRating);

    public sealed record Report(
        IReadOnlyList<RequestChannel> Channels,
        IReadOnlyList<IReadOnlyList<int>> ByHour,
        IReadOnlyDictionary<RequestChannel, int> ByChannel,
        IReadOnlyList<TimingRow> Timings,
        IReadOnlyList<(string Resolution, int Count)> Resolutions,
        IReadOnlyList<SurveyRow> SurveyByOperator,
        IReadOnlyList<SurveyRow> SurveyByLanguage,
        IReadOnlyList<(RequestChannel Channel, IReadOnlyList<int> ByAge)> OpenByAge);

    public async Task<Report> BuildAsync(InsightsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.UtcNow;
        var parameters = new Dictionary<string, object?> { ["@from"] = InsightsSql.Bound(db, filter.From(clock)), ["@lang"] = filter.Language };
        var requests = await InsightsSql.QueryAsync(db, """
            SELECT r."Channel", r."Language", r."CreatedAt", r."QueuedAt", r."AssignedAt", r."AssignedToId", r."Resolution", r."SurveyRating", r."Status",
                   (SELECT MIN(m."CreatedAt") FROM "RequestMessages" m WHERE m."RequestId" = r."Id" AND m."Kind" = 'Agent'),
                   (SELECT MAX(m."CreatedAt") FROM "RequestMessages" m WHERE m."RequestId" = r."Id")
            FROM "Requests" r
            WHERE r."CreatedAt" >= @from AND (@lang IS NULL OR r."Language" = @lang)
            """, parameters, r => new Request(Enum.Parse<RequestChannel>(r.GetString(0)), r.GetString(1), r.Time(2),
                r.NullableTime(3), r.NullableTime(4), r.NullableString(5), r.NullableString(6), r.IsDBNull(7) ? null : r.Int(7),
                r.GetString(8) == nameof(RequestStatus.Solved), r.NullableTime(9), r.NullableTime(10)), cancellationToken);

        var channels = Enum.GetValues<RequestChannel>();
        // One time-zone conversion per request (not one per request, hour and channel: 96 passes over the period).
        var hourly = new int[24, channels.Length];
        foreach (var r in requests)
        {
            hourly[clock.ToLocal(r.CreatedAt).Hour, Array.IndexOf(channels, r.Channel)]++;
        }

        var byHour = Enumerable.Range(0, 24).Select(h => (IReadOnlyList<int>)Enumerable.Range(0, channels.Length).Select(c => hourly[h, c]).ToList()).ToList();

        var timings = channels.Select(c => requests.Where(r => r.Channel == c).ToList()).Where(list => list.Count > 0)
            .Select(list => new TimingRow(list[0].Channel.ToString(),
                Measure(list.Where(r => r.Channel == RequestChannel.Chat && r.AssignedAt is not null).Select(r => r.AssignedAt!.Value - (r.QueuedAt ?? r.CreatedAt))),
                Measure(list.Where(r => r.FirstAgentReply is not null).Select(r => r.FirstAgentReply!.Value - r.CreatedAt)),
                Measure(list.Where(r => r.Solved && r.AssignedAt is not null && r.LastMessage is not null).Select(r => r.LastMessage!.Value - r.AssignedAt!.Value))))
            .ToList();

        var operators = requests.Where(r => r.SurveyRating is not null && r.AssignedToId is not null).Select(r => r.AssignedToId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => operators.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var rated = requests.Where(r => r.SurveyRating is >= 1 and <= 5).ToList();

        var open = await InsightsSql.QueryAsync(db, """
            SELECT "Channel", "CreatedAt" FROM "Requests" WHERE "Status" <> 'Solved' AND (@lang IS NULL OR "Language" = @lang)
            """, parameters, r => (Channel: Enum.Parse<RequestChannel>(r.GetString(0)), Age: now - r.Time(1)), cancellationToken);

        return new Report(
            channels,
            byHour,
            channels.ToDictionary(c => c, c => requests.Count(r => r.Channel == c)),
            timings,
            requests.Where(r => r.Solved).GroupBy(r => r.Resolution ?? "-").OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Count())).ToList(),
            rated.GroupBy(r => r.AssignedToId is { } id && names.TryGetValue(id, out var user) ? user.DisplayName ?? user.Email ?? id : "-")
                .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Survey(g.Key, g)).ToList(),
            rated.GroupBy(r => r.Language).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Survey(g.Key, g)).ToList(),
            channels.Select(c => (c, (IReadOnlyList<int>)AgeBuckets.Select((b, i) => open.Count(o => o.Channel == c
                && o.Age < b.Below && (i == 0 || o.Age >= AgeBuckets[i - 1].Below))).ToList())).ToList());
    }

    /// <summary>Nearest-rank percentile of sorted values: the smallest value with at least <paramref name="share"/> of
    /// the values at or below it.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double share)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = Math.Max(1, (int)Math.Ceiling(share * sorted.Count));
        return sorted[rank - 1];
    }

    private static Durations Measure(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Where(v => v >= TimeSpan.Zero).Order().ToList();
        return sorted.Count == 0 ? new Durations(0, null, null) : new Durations(sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
    }

    private static SurveyRow Survey(string key, IEnumerable<Request> group)
    {
        var ratings = group.Select(r => r.SurveyRating!.Value).ToList();
        return new SurveyRow(key, ratings.Count, ratings.Average(), Enumerable.Range(1, 5).Select(n => ratings.Count(r => r == n)).ToList());
    }

    private sealed record Request(RequestChannel Channel, string Language, DateTimeOffset CreatedAt, DateTimeOffset? QueuedAt, DateTimeOffset? AssignedAt,
        string? AssignedToId, string? Resolution, int? SurveyRating, bool Solved, DateTimeOffset? FirstAgentReply, DateTimeOffset? LastMessage);
}
