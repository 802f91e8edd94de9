using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Insights;

/// <summary>
/// Rolls the raw analytics events of closed days (site time zone) up into the daily tables (<see cref="SearchQueryDay"/>,
/// <see cref="SearchDay"/>, <see cref="ArticleDay"/>, <see cref="FlowDay"/>) and the preset windows (<see cref="SearchQueryWindow"/>),
/// when <see cref="InsightsJob"/> runs it (at start and then every <see cref="InsightsOptions.RollupIntervalMinutes"/>). The pages read those for days up to
/// <see cref="InsightsRollupState.ThroughDay"/> and compute later days (today) from the raw events with the same code
/// (<see cref="SearchQueriesOfDayAsync"/>, <see cref="ArticlesOfDayAsync"/>), so both paths count alike.
/// The last two rolled-up days are rolled up again on every run: a click, a contact request or a solved flow may
/// arrive after midnight for an event of the day before. Retention never deletes raw events of those two days.
/// </summary>
public sealed class InsightsRollup(IServiceScopeFactory scopes, SiteClock clock, TimeProvider time, ILogger<InsightsRollup> logger) : IDisposable
{
    /// <summary>Days rolled up again on each run (yesterday and the day before).</summary>
    public const int ReRolledDays = 2;

    private readonly SemaphoreSlim _running = new(1, 1);

    public void Dispose() => _running.Dispose();

    /// <summary>The first moment of a site-zone day, in UTC (the form the analytics times are written in).</summary>
    public DateTimeOffset StartOf(DateOnly day) => clock.FromLocal(day.ToDateTime(TimeOnly.MinValue)).ToUniversalTime();

    /// <summary>Rolls up every closed day not rolled up yet (and the last <see cref="ReRolledDays"/> again), then the
    /// windows; returns the days rolled up.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var state = await db.InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken);
            var yesterday = clock.Today.AddDays(-1);
            DateOnly first;
            if (state?.ThroughDay is { } through)
            {
                first = through.AddDays(1 - ReRolledDays);
            }
            else if (await FirstEventDayAsync(db, cancellationToken) is { } earliest)
            {
                first = earliest;
            }
            else
            {
                // Nothing recorded yet: nothing to roll up, and events written later for past days (imports) still count.
                return 0;
            }

            var rolled = 0;
            var last = state?.ThroughDay;
            for (var day = first; day <= yesterday; day = day.AddDays(1))
            {
                await RollUpDayAsync(db, day, cancellationToken);
                last = last is { } t && t > day ? t : day;
                await SaveStateAsync(db, s => s.ThroughDay = last, cancellationToken);
                rolled++;
            }

            var windows = state?.WindowsThroughDay;
            if (last is { } closedThrough && windows != closedThrough)
            {
                await BuildWindowsAsync(db, closedThrough, cancellationToken);
                await SaveStateAsync(db, s => s.WindowsThroughDay = closedThrough, cancellationToken);
            }

            if (rolled > 0)
            {
                logger.LogInformation("Rolled up {Days} days of analytics events through {Day}", rolled, last);
            }

            return rolled;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>The searches of one site-zone day per language and normalised query, from the raw events.</summary>
    public async Task<List<SearchQueryDay>> SearchQueriesOfDayAsync(HelpCenterDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = StartOf(day);
        var end = StartOf(day.AddDays(1));
        var spellings = await SearchesBetween(db, start, end)
            .GroupBy(s => new { s.Language, s.Query })
            .Select(g => new
            {
                g.Key.Language,
                g.Key.Query,
                Searches = g.Count(),
                NoResult = g.Count(s => s.ResultCount == 0),
                NoClick = g.Count(s => s.ResultCount > 0 && s.ClickedSlug == null),
                Clicks = g.Count(s => s.ClickedSlug != null),
                RankSum = g.Sum(s => (long?)s.ClickedRank) ?? 0,
            })
            .ToListAsync(cancellationToken);

        // Searches of the day whose visitor sent a request within the window after (each search counted once).
        var window = SearchInsights.ContactWindow;
        // Two range reads, no join: a join lets the database look flows up visitor by visitor, one random read per search.
        var escalations = await EscalationsBetween(db, start, end + window).Select(f => new { f.VisitorId, f.EscalatedAt }).ToListAsync(cancellationToken);
        var visitors = escalations.Select(e => e.VisitorId).Distinct().ToList();
        var escalatedAt = escalations.ToLookup(e => e.VisitorId, e => e.EscalatedAt!.Value);
        var searched = visitors.Count == 0 ? [] : await SearchesBetween(db, start, end).Where(s => visitors.Contains(s.SessionId))
            .Select(s => new SearchOf(s.Id, s.Language, s.Query, s.CreatedAt, s.SessionId)).ToListAsync(cancellationToken);
        var contacts = searched.SelectMany(s => escalatedAt[s.SessionId], (s, at) => new { s.Id, s.Language, s.Query, s.CreatedAt, EscalatedAt = at });
        var followed = contacts
            .Where(c => c.EscalatedAt >= c.CreatedAt && c.EscalatedAt - c.CreatedAt <= window)
            .DistinctBy(c => c.Id)
            .GroupBy(c => (c.Language, SearchInsights.Normalize(c.Query)))
            .ToDictionary(g => g.Key, g => g.Count());

        return spellings
            .GroupBy(r => (r.Language, Key: SearchInsights.Normalize(r.Query)))
            .Select(g => new SearchQueryDay
            {
                Day = day,
                Language = g.Key.Language,
                Key = g.Key.Key,
                Query = g.OrderByDescending(r => r.Searches).ThenBy(r => r.Query, StringComparer.Ordinal).First().Query,
                Searches = g.Sum(r => r.Searches),
                NoResult = g.Sum(r => r.NoResult),
                NoClick = g.Sum(r => r.NoClick),
                Clicks = g.Sum(r => r.Clicks),
                RankSum = g.Sum(r => r.RankSum),
                FollowedByContact = followed.GetValueOrDefault(g.Key),
            })
            .ToList();
    }

    /// <summary>
    /// The daily rows of <paramref name="days"/> in <paramref name="language"/> (any when null): the days rolled up (through
    /// <see cref="InsightsRollupState.ThroughDay"/>) read from <paramref name="stored"/>, the later ones (today) computed from
    /// the raw events by <paramref name="ofDay"/> (<see cref="ArticlesOfDayAsync"/>, <see cref="FlowsOfDayAsync"/>), so both
    /// count alike.
    /// </summary>
    public async Task<List<T>> DaysAsync<T>(HelpCenterDbContext db, IQueryable<T> stored, IReadOnlyList<DateOnly> days, string? language,
        Func<HelpCenterDbContext, DateOnly, CancellationToken, Task<List<T>>> ofDay, CancellationToken cancellationToken)
        where T : class, IDailyRow
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(ofDay);
        var through = (await db.InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken))?.ThroughDay
            ?? DateOnly.MinValue;
        var first = days[0];
        var rows = await stored.AsNoTracking()
            .Where(d => d.Day >= first && d.Day <= through && (language == null || d.Language == language))
            .ToListAsync(cancellationToken);
        foreach (var day in days.Where(d => d > through))
        {
            rows.AddRange((await ofDay(db, day, cancellationToken)).Where(d => language == null || d.Language == language));
        }

        return rows;
    }

    /// <summary>The article views of one site-zone day, and the requests of that day preceded by a read of the article.</summary>
    public async Task<List<ArticleDay>> ArticlesOfDayAsync(HelpCenterDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = StartOf(day);
        var end = StartOf(day.AddDays(1));
        var views = await ViewsBetween(db, start, end)
            .GroupBy(v => new { v.Language, v.Slug })
            .Select(g => new { g.Key.Language, g.Key.Slug, Views = g.Count() })
            .ToListAsync(cancellationToken);

        // Articles the visitor opened in the window before sending a request that day; each flow counts an article once.
        var window = ArticleInsights.ContactWindow;
        var flows = await EscalationsBetween(db, start, end).Select(f => new { f.Id, f.VisitorId, f.EscalatedAt }).ToListAsync(cancellationToken);
        var visitors = flows.Select(f => f.VisitorId).Distinct().ToList();
        var viewed = (visitors.Count == 0 ? [] : await ViewsBetween(db, start - window, end).Where(v => visitors.Contains(v.VisitorId))
            .Select(v => new ViewOf(v.VisitorId, v.Language, v.Slug, v.At)).ToListAsync(cancellationToken)).ToLookup(v => v.VisitorId);
        var read = flows.SelectMany(f => viewed[f.VisitorId], (f, v) => new { f.Id, v.Language, v.Slug, v.At, EscalatedAt = f.EscalatedAt!.Value });
        var before = read
            .Where(r => r.At <= r.EscalatedAt && r.EscalatedAt - r.At <= window)
            .DistinctBy(r => (r.Id, r.Language, r.Slug))
            .GroupBy(r => (r.Language, r.Slug))
            .ToDictionary(g => g.Key, g => g.Count());

        var counted = views.ToDictionary(v => (v.Language, v.Slug), v => v.Views);
        return counted.Keys.Union(before.Keys)
            .Select(k => new ArticleDay { Day = day, Language = k.Language, Slug = k.Slug, Views = counted.GetValueOrDefault(k), BeforeContact = before.GetValueOrDefault(k) })
            .ToList();
    }

    /// <summary>The contact flows started on one site-zone day, counted per language, topic, entry page and escalation
    /// channel (<see cref="DeflectionReport"/> defines the funnel). "Came back" looks at the escalations up to
    /// <see cref="DeflectionReport.CameBackWindow"/> after the last solve of the day's flows.</summary>
    public async Task<List<FlowDay>> FlowsOfDayAsync(HelpCenterDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parameters = new Dictionary<string, object?> { ["@start"] = InsightsSql.Bound(db, StartOf(day)), ["@end"] = InsightsSql.Bound(db, StartOf(day.AddDays(1))) };
        var flows = await InsightsSql.QueryAsync(db, """
            SELECT "VisitorId", "Language", "Topic", "StartPage",
                   CASE WHEN "ShownSlugs" IS NOT NULL AND "ShownSlugs" <> '' THEN 1 ELSE 0 END,
                   CASE WHEN "OpenedSlugs" IS NOT NULL AND "OpenedSlugs" <> '' THEN 1 ELSE 0 END, "SolvedAt", "EscalatedAt", "EscalatedChannel"
            FROM "ContactFlows"
            WHERE "StartedAt" >= @start AND "StartedAt" < @end
            """, parameters, r => new FlowOf(r.GetString(0), r.GetString(1), r.NullableString(2), r.NullableString(3),
                r.Int(4) == 1, r.Int(5) == 1, r.NullableTime(6), r.NullableTime(7), r.NullableString(8)), cancellationToken);

        // Solved (and not escalated) flows whose visitor escalated another flow within the window after solving.
        var solved = flows.Where(f => f.SolvedAt is not null && f.EscalatedAt is null).ToList();
        var visitors = solved.Select(f => f.VisitorId).ToHashSet(StringComparer.Ordinal);
        var later = solved.Count == 0 ? [] : await EscalationsBetween(db, solved.Min(f => f.SolvedAt!.Value),
                solved.Max(f => f.SolvedAt!.Value) + DeflectionReport.CameBackWindow + TimeSpan.FromTicks(1))
            .Select(f => new { f.VisitorId, f.EscalatedAt }).ToListAsync(cancellationToken);
        var escalations = later.Where(e => visitors.Contains(e.VisitorId)).ToLookup(e => e.VisitorId, e => e.EscalatedAt!.Value);

        return flows
            .GroupBy(f => (f.Language, Topic: f.Topic ?? "-", EntryPage: DeflectionReport.EntryPage(f.StartPage),
                Channel: f.EscalatedAt is null ? null : Enum.TryParse<Requests.RequestChannel>(f.Channel, out var channel) ? channel.ToString() : null))
            .Select(g => new FlowDay
            {
                Day = day,
                Language = g.Key.Language,
                Topic = g.Key.Topic,
                EntryPage = g.Key.EntryPage,
                Channel = g.Key.Channel,
                Started = g.Count(),
                Shown = g.Count(f => f.Shown),
                Opened = g.Count(f => f.Opened),
                Solved = g.Count(f => f.SolvedAt is not null && f.EscalatedAt is null),
                Escalated = g.Count(f => f.EscalatedAt is not null),
                CameBack = g.Count(f => f.SolvedAt is { } at && f.EscalatedAt is null
                    && escalations[f.VisitorId].Any(e => e > at && e <= at + DeflectionReport.CameBackWindow)),
            })
            .ToList();
    }

    // EF Core's SQLite provider cannot compare DateTimeOffset in LINQ (it keeps them as text); a range written in SQL
    // with parameters can, on SQLite (text in the stored form, UTC) as on other providers (timestamps). The rest of
    // each query is LINQ composed on top.
    private static IQueryable<Search.SearchLog> SearchesBetween(HelpCenterDbContext db, DateTimeOffset start, DateTimeOffset end) =>
        db.SearchLogs.FromSql($"""SELECT * FROM "SearchLogs" WHERE "CreatedAt" >= {start} AND "CreatedAt" < {end}""").AsNoTracking();

    private static IQueryable<Contact.ArticleView> ViewsBetween(HelpCenterDbContext db, DateTimeOffset start, DateTimeOffset end) =>
        db.ArticleViews.FromSql($"""SELECT * FROM "ArticleViews" WHERE "At" >= {start} AND "At" < {end}""").AsNoTracking();

    private static IQueryable<Contact.ContactFlow> EscalationsBetween(HelpCenterDbContext db, DateTimeOffset start, DateTimeOffset end) =>
        db.ContactFlows.FromSql($"""SELECT * FROM "ContactFlows" WHERE "EscalatedAt" >= {start} AND "EscalatedAt" < {end}""").AsNoTracking();

    private async Task<DateOnly?> FirstEventDayAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        // Events are appended in time order, so the lowest id is (about) the oldest; a day too early only costs empty days.
        var search = await db.SearchLogs.OrderBy(s => s.Id).Select(s => (DateTimeOffset?)s.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var view = await db.ArticleViews.OrderBy(v => v.Id).Select(v => (DateTimeOffset?)v.At).FirstOrDefaultAsync(cancellationToken);
        // Flow ids are not in time order; the first escalation by its own index (SQL: SQLite cannot order DateTimeOffset in LINQ).
        var escalated = (await db.ContactFlows
                .FromSql($"""SELECT * FROM "ContactFlows" WHERE "EscalatedAt" IS NOT NULL ORDER BY "EscalatedAt" LIMIT 1""")
                .AsNoTracking().ToListAsync(cancellationToken))
            .Select(f => f.EscalatedAt).FirstOrDefault();
        var first = new[] { search, view, escalated }.Where(t => t is not null).Select(t => t!.Value).DefaultIfEmpty().Min();
        if (first == default)
        {
            return null;
        }

        // Retention never deletes the events of a day before it is rolled up for good, so every day found is whole.
        return clock.DayOf(first).AddDays(-1);
    }

    private async Task SaveStateAsync(HelpCenterDbContext db, Action<InsightsRollupState> change, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var state = await db.InsightsRollupStates.FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken) ?? db.InsightsRollupStates.Add(new InsightsRollupState()).Entity;
        change(state);
        state.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task RollUpDayAsync(HelpCenterDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        var queries = await SearchQueriesOfDayAsync(db, day, cancellationToken);
        var articles = await ArticlesOfDayAsync(db, day, cancellationToken);
        var flows = await FlowsOfDayAsync(db, day, cancellationToken);
        await db.InWriteTransactionAsync(async () =>
        {
            await db.SearchQueryDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
            await db.SearchDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
            await db.ArticleDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
            await db.FlowDays.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
            db.SearchQueryDays.AddRange(queries);
            db.SearchDays.AddRange(queries.GroupBy(q => q.Language).Select(g => new SearchDay
            {
                Day = day,
                Language = g.Key,
                Searches = g.Sum(q => q.Searches),
                NoResult = g.Sum(q => q.NoResult),
                NoClick = g.Sum(q => q.NoClick),
                Clicks = g.Sum(q => q.Clicks),
                RankSum = g.Sum(q => q.RankSum),
                FollowedByContact = g.Sum(q => q.FollowedByContact),
            }));
            db.ArticleDays.AddRange(articles);
            db.FlowDays.AddRange(flows);
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>Sums the daily rows of each preset's closed days (the preset minus today) ending <paramref name="through"/>.</summary>
    private static async Task BuildWindowsAsync(HelpCenterDbContext db, DateOnly through, CancellationToken cancellationToken)
    {
        var presets = InsightsFilter.Presets;
        var sums = presets.ToDictionary(p => p, _ => new Dictionary<(string Language, string Key), (SearchQueryWindow Row, int Best)>());
        var oldest = through.AddDays(2 - presets.Max());
        await foreach (var day in db.SearchQueryDays.AsNoTracking().Where(d => d.Day >= oldest && d.Day <= through).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            foreach (var preset in presets)
            {
                if (day.Day < through.AddDays(2 - preset))
                {
                    continue;
                }

                var key = (day.Language, day.Key);
                var window = sums[preset];
                if (!window.TryGetValue(key, out var sum))
                {
                    sum = (new SearchQueryWindow { Days = preset, Language = day.Language, Key = day.Key, Query = day.Query }, 0);
                }

                var row = sum.Row;
                row.Searches += day.Searches;
                row.NoResult += day.NoResult;
                row.NoClick += day.NoClick;
                row.Clicks += day.Clicks;
                row.RankSum += day.RankSum;
                row.FollowedByContact += day.FollowedByContact;
                // The spelling of the day it was searched most.
                if (day.Searches > sum.Best)
                {
                    row.Query = day.Query;
                    sum.Best = day.Searches;
                }

                window[key] = (row, sum.Best);
            }
        }

        await db.InWriteTransactionAsync(async () =>
        {
            await db.SearchQueryWindows.ExecuteDeleteAsync(cancellationToken);
            foreach (var chunk in sums.Values.SelectMany(w => w.Values).Select(v => v.Row).Chunk(5_000))
            {
                db.SearchQueryWindows.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }, cancellationToken);
    }

    private sealed record SearchOf(long Id, string Language, string Query, DateTimeOffset CreatedAt, string SessionId);

    private sealed record ViewOf(string VisitorId, string Language, string Slug, DateTimeOffset At);

    private sealed record FlowOf(string VisitorId, string Language, string? Topic, string? StartPage, bool Shown, bool Opened,
        DateTimeOffset? SolvedAt, DateTimeOffset? EscalatedAt, string? Channel);
}
