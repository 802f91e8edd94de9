using HelpCenter.Analytics;
using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Insights;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Insights;

/// <summary>
/// The daily aggregates agree with the raw events: events written through the real analytics writer (and contact flows
/// as the contact flow writes them), the search, articles and deflection reports compared with figures counted here from the raw
/// rows, before the roll-up (all raw), after it (aggregates + today raw, the preset windows) and after a retention
/// run that deleted the raw events of the older days.
/// </summary>
public sealed class InsightsRollupTests
{
    [Fact]
    public async Task AggregatesAgreeWithTheRawEventsAcrossAJapanDayBoundaryAndAfterRetention()
    {
        await using var factory = new RetentionFactory();
        var clock = factory.Services.GetRequiredService<SiteClock>();
        var rollup = factory.Services.GetRequiredService<InsightsRollup>();

        // Midnight in Japan three days ago (15:00 UTC the day before): events just before and just after it.
        var midnight = rollup.StartOf(clock.Today.AddDays(-3));
        var queue = factory.Services.GetRequiredService<AnalyticsQueue>();
        var flows = new List<ContactFlow>();
        var n = 0;
        SearchLog Search(string query, string language, DateTimeOffset at, int results, string visitor, int? clickRank = null)
        {
            var log = new SearchLog
            {
                Key = Guid.NewGuid(), CreatedAt = at, Query = query, Language = language, ResultCount = results, Source = "page", SessionId = visitor,
            };
            queue.Add(log);
            if (clickRank is { } rank)
            {
                queue.Add(new SearchClick(log.Key, visitor, "password-reset", rank));
            }

            n++;
            return log;
        }

        void View(string slug, string language, DateTimeOffset at, string visitor) =>
            queue.Add(new ArticleView { VisitorId = visitor, Slug = slug, Language = language, At = at });

        void Escalate(string visitor, DateTimeOffset at, RequestChannel channel = RequestChannel.Email, string language = "ja") => flows.Add(new ContactFlow
        {
            Id = Guid.NewGuid(), VisitorId = visitor, Language = language, StartedAt = at.AddMinutes(-2), EscalatedAt = at, EscalatedChannel = channel,
            Topic = channel == RequestChannel.Chat ? "security" : null, StartPage = "/ja/articles/password-reset?q=" + visitor,
            ShownSlugs = "password-reset",
        });

        // A flow solved by an article (shown, opened, "this solved it"); some visitors come back and escalate later.
        void Solve(string visitor, DateTimeOffset startedAt, string language, bool opened) => flows.Add(new ContactFlow
        {
            Id = Guid.NewGuid(), VisitorId = visitor, Language = language, StartedAt = startedAt, Topic = "deposits", StartPage = "/" + language,
            ShownSlugs = "withdrawal-fees", OpenedSlugs = opened ? "withdrawal-fees" : null, SolvedAt = startedAt.AddMinutes(3),
        });

        // Just before midnight (day -4 in Japan) and just after (day -3); a search at 23:50 followed by a request at 00:05.
        Search("パスワード", "ja", midnight.AddSeconds(-1), 5, "v1", 1);
        Search("ﾊﾟｽﾜｰﾄﾞ？", "ja", midnight, 5, "v2");
        Search("パスワード", "ja", midnight.AddSeconds(1), 5, "v2", 3);
        Search("出金できない", "ja", midnight.AddMinutes(-10), 0, "v3");
        Escalate("v3", midnight.AddMinutes(5));
        View("account-freeze", "ja", midnight.AddMinutes(-5), "v3");
        View("password-reset", "ja", midnight.AddMinutes(-1), "v1");
        View("password-reset", "ja", midnight, "v1");
        View("password-reset", "en", midnight.AddHours(3), "v4");

        // Spread over the last 40 days (some outside the 30-day period), and today (read raw after the roll-up).
        var random = new Random(17);
        var queries = new[] { ("fees", "en"), ("手数料", "ja"), ("2fa", "en"), ("口座 凍結", "ja"), ("密码", "zh"), ("zzq", "ja") };
        foreach (var i in Enumerable.Range(0, 300))
        {
            var at = clock.UtcNow.AddMinutes(-random.Next(40 * 24 * 60));
            var (query, language) = queries[random.Next(queries.Length)];
            var visitor = "r" + random.Next(40);
            var results = query == "zzq" ? 0 : random.Next(0, 4);
            Search(query, language, at, results, visitor, results > 0 && random.Next(2) == 0 ? random.Next(1, 6) : null);
            View(random.Next(2) == 0 ? "password-reset" : "withdrawal-fees", language, at.AddSeconds(30), visitor);
            if (random.Next(8) == 0)
            {
                Escalate(visitor, at.AddMinutes(random.Next(1, 45)), random.Next(3) == 0 ? RequestChannel.Chat : RequestChannel.Email, language);
            }

            if (random.Next(6) == 0)
            {
                Solve(visitor, at.AddMinutes(1), language, opened: random.Next(2) == 0);
                if (random.Next(3) == 0)
                {
                    // Back within 24 hours (counted), or after them (not).
                    Escalate(visitor, at.AddHours(random.Next(2) == 0 ? 20 : 30), RequestChannel.Callback, language);
                }
            }
        }

        // Solved just before midnight in Japan, came back just after it (the next day's flow).
        Solve("v5", midnight.AddMinutes(-10), "ja", opened: true);
        Escalate("v5", midnight.AddMinutes(30), RequestChannel.Chat);

        Search("今日の検索", "ja", clock.UtcNow.AddMinutes(-1), 0, "t1");
        View("password-reset", "ja", clock.UtcNow.AddMinutes(-1), "t1");
        Escalate("t1", clock.UtcNow.AddSeconds(-10));
        await factory.Services.GetRequiredService<AnalyticsWriter>().FlushAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            db.ContactFlows.AddRange(flows);
            await db.SaveChangesAsync();
        }

        var filters = InsightsFilter.Presets.SelectMany(days => new[] { new InsightsFilter(days, null), new InsightsFilter(days, "ja") }).ToList();
        var expected = new Dictionary<InsightsFilter, Expected>();
        foreach (var filter in filters)
        {
            expected[filter] = await CountRawAsync(factory, clock, filter);
        }

        Assert.Equal(n, (await CountRawAsync(factory, clock, new InsightsFilter(90, null))).Searches.Values.Sum(r => r.Searches));
        Assert.True(expected[new InsightsFilter(7, null)].Searches.ContainsKey(("ja", "出金できない")));
        var funnel = expected[new InsightsFilter(90, null)].Funnel;
        Assert.True(funnel.Solved > 5 && funnel.CameBack > 1 && funnel.Solved > funnel.CameBack && funnel.Opened < funnel.Shown, funnel.ToString());

        // 1. Nothing rolled up (the roll-up job is off in tests): everything from the raw events.
        await AssertReportsAsync(factory, expected);

        // 2. Rolled up through yesterday: the daily tables, the windows, and today's raw events.
        await rollup.RunOnceAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            Assert.Equal(clock.Today.AddDays(-1), db.InsightsRollupStates.Single().ThroughDay);
            Assert.Equal(clock.Today.AddDays(-1), db.InsightsRollupStates.Single().WindowsThroughDay);

            // The search at 23:59:59 and the one at 00:00:00 Japan time are on different days.
            Assert.Equal(1, db.SearchQueryDays.Single(d => d.Day == clock.Today.AddDays(-4) && d.Key == "パスワード").Searches);
            Assert.Equal(2, db.SearchQueryDays.Single(d => d.Day == clock.Today.AddDays(-3) && d.Key == "パスワード").Searches);
            Assert.Equal(1, db.SearchQueryDays.Single(d => d.Day == clock.Today.AddDays(-4) && d.Key == "出金できない").FollowedByContact);
            Assert.Equal(1, db.ArticleDays.Single(d => d.Day == clock.Today.AddDays(-3) && d.Slug == "account-freeze" && d.Language == "ja").BeforeContact);
        }

        await AssertReportsAsync(factory, expected);

        // Rolling up again changes nothing.
        await rollup.RunOnceAsync();
        await AssertReportsAsync(factory, expected);

        // 3. Retention (2 days here) deletes the raw events of the older days; the pages still count them.
        await factory.Services.GetRequiredService<RawEventRetention>().RunOnceAsync();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            Assert.DoesNotContain(db.SearchLogs, s => s.Query == "出金できない");
            Assert.Contains(db.SearchLogs, s => s.Query == "今日の検索");
        }

        await AssertReportsAsync(factory, expected);
    }

    private static async Task AssertReportsAsync(RetentionFactory factory, Dictionary<InsightsFilter, Expected> expected)
    {
        foreach (var (filter, raw) in expected)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var search = await scope.ServiceProvider.GetRequiredService<SearchInsights>().BuildAsync(filter);
            var rows = raw.Searches.Values.ToList();
            Assert.Equal(rows.Sum(r => r.Searches), search.Total.Searches);
            Assert.Equal(rows.Sum(r => r.NoResult), search.Total.NoResult);
            Assert.Equal(rows.Sum(r => r.NoClick), search.Total.NoClick);
            Assert.Equal(rows.Sum(r => r.Clicks), search.Total.Clicks);
            Assert.Equal(rows.Sum(r => r.RankSum), search.Total.RankSum);
            Assert.Equal(rows.Sum(r => r.FollowedByContact), search.Total.FollowedByContact);
            Assert.Equal(raw.SearchesByDay, search.ByDay.Select(d => (d.Day, d.Searches, d.NoResult, d.Clicks)).ToList());
            Assert.Equal(Order(rows, r => r.Searches), search.Top);
            Assert.Equal(Order(rows.Where(r => r.NoResult > 0), r => r.NoResult), search.NoResult);
            Assert.Equal(Order(rows.Where(r => r.NoClick > 0), r => r.NoClick), search.NoClick);
            Assert.Equal(Order(rows.Where(r => r.FollowedByContact > 0), r => r.FollowedByContact), search.FollowedByContact);

            var articles = await scope.ServiceProvider.GetRequiredService<ArticleInsights>().BuildAsync(filter);
            Assert.Equal(raw.Views.Values.Sum(), articles.Views);
            Assert.Equal(raw.ViewsByDay, articles.ByDay.Select(d => (d.Day, d.Views)).ToList());
            Assert.Equal(raw.Views.OrderBy(v => v.Key).ToList(), articles.MostViewed.ToDictionary(r => (r.Language, r.Slug), r => r.Views).OrderBy(v => v.Key).ToList());
            Assert.Equal(raw.BeforeContact.OrderBy(v => v.Key).ToList(),
                articles.BeforeContact.ToDictionary(r => (r.Language, r.Slug), r => r.BeforeContact).OrderBy(v => v.Key).ToList());

            var deflection = await scope.ServiceProvider.GetRequiredService<DeflectionReport>().BuildAsync(filter);
            Assert.Equal(raw.Funnel, deflection.Total with { Key = "total" });
            Assert.Equal(raw.FunnelByDay, deflection.ByDay.Select(d => (d.Key, d.Started, d.Solved, d.Escalated, d.CameBack)).ToList());
            Assert.Equal(raw.FunnelByTopic, deflection.ByTopic.ToDictionary(r => r.Key, r => r.Started));
            Assert.Equal(raw.FunnelByChannel, deflection.ByChannel.ToDictionary(c => c.Key, c => c.Value));
        }
    }

    private static List<SearchInsights.QueryRow> Order(IEnumerable<SearchInsights.QueryRow> rows, Func<SearchInsights.QueryRow, int> by) =>
        rows.OrderByDescending(by).ThenByDescending(r => r.Searches).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

    private sealed record Expected(
        Dictionary<(string Language, string Key), SearchInsights.QueryRow> Searches,
        List<(DateOnly Day, int Searches, int NoResult, int Clicks)> SearchesByDay,
        Dictionary<(string Language, string Slug), int> Views,
        List<(DateOnly Day, int Views)> ViewsByDay,
        Dictionary<(string Language, string Slug), int> BeforeContact,
        DeflectionReport.Row Funnel,
        List<(string Day, int Started, int Solved, int Escalated, int CameBack)> FunnelByDay,
        Dictionary<string, int> FunnelByTopic,
        Dictionary<RequestChannel, int> FunnelByChannel);

    /// <summary>Every figure counted here from the raw rows, in memory, with the definitions of the pages.</summary>
    private static async Task<Expected> CountRawAsync(RetentionFactory factory, SiteClock clock, InsightsFilter filter)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var from = filter.From(clock);
        bool Wanted(string language) => filter.Language == null || language == filter.Language;
        var searches = (await db.SearchLogs.AsNoTracking().ToListAsync()).Where(s => s.CreatedAt >= from && Wanted(s.Language)).ToList();
        var views = (await db.ArticleViews.AsNoTracking().ToListAsync()).Where(v => Wanted(v.Language)).ToList();
        var allFlows = await db.ContactFlows.AsNoTracking().ToListAsync();
        var escalations = allFlows.Where(f => f.EscalatedAt is not null).ToList();

        var followed = searches.Where(s => escalations.Any(f => f.VisitorId == s.SessionId && f.EscalatedAt >= s.CreatedAt
            && f.EscalatedAt - s.CreatedAt <= SearchInsights.ContactWindow)).Select(s => s.Id).ToHashSet();
        var rows = searches.GroupBy(s => (s.Language, Key: SearchInsights.Normalize(s.Query))).ToDictionary(g => g.Key, g => new SearchInsights.QueryRow(
            g.Key.Language, g.Key.Key, g.GroupBy(s => s.Query).OrderByDescending(q => q.Count()).ThenBy(q => q.Key, StringComparer.Ordinal).First().Key, g.Count(),
            g.Count(s => s.ResultCount == 0), g.Count(s => s.ResultCount > 0 && s.ClickedSlug == null), g.Count(s => s.ClickedSlug != null),
            g.Sum(s => (long)(s.ClickedRank ?? 0)), g.Count(s => followed.Contains(s.Id))));
        var byDay = filter.DaysOf(clock).Select(d =>
        {
            var day = searches.Where(s => clock.DayOf(s.CreatedAt) == d).ToList();
            return (d, day.Count, day.Count(s => s.ResultCount == 0), day.Count(s => s.ClickedSlug != null));
        }).ToList();

        var inPeriod = views.Where(v => v.At >= from).ToList();
        var before = escalations.Where(f => f.EscalatedAt >= from)
            .SelectMany(f => views.Where(v => v.VisitorId == f.VisitorId && v.At <= f.EscalatedAt && f.EscalatedAt - v.At <= ArticleInsights.ContactWindow)
                .Select(v => (f.Id, v.Language, v.Slug)))
            .Distinct()
            .GroupBy(r => (r.Language, r.Slug)).ToDictionary(g => g.Key, g => g.Count());
        // The deflection funnel of the flows started in the period; "came back": solved, then any escalation of the
        // visitor within 24 hours.
        var started = allFlows.Where(f => f.StartedAt >= from && Wanted(f.Language)).ToList();
        bool Solved(ContactFlow f) => f.SolvedAt is not null && f.EscalatedAt is null;
        bool CameBack(ContactFlow f) => Solved(f) && escalations.Any(e => e.VisitorId == f.VisitorId && e.EscalatedAt > f.SolvedAt
            && e.EscalatedAt <= f.SolvedAt + DeflectionReport.CameBackWindow);
        DeflectionReport.Row Funnel(string key, IEnumerable<ContactFlow> group)
        {
            var list = group.ToList();
            return new DeflectionReport.Row(key, list.Count, list.Count(f => !string.IsNullOrEmpty(f.ShownSlugs)), list.Count(f => !string.IsNullOrEmpty(f.OpenedSlugs)),
                list.Count(Solved), list.Count(f => f.EscalatedAt is not null), list.Count(CameBack));
        }

        return new Expected(
            rows,
            byDay,
            inPeriod.GroupBy(v => (v.Language, v.Slug)).ToDictionary(g => g.Key, g => g.Count()),
            filter.DaysOf(clock).Select(d => (d, inPeriod.Count(v => clock.DayOf(v.At) == d))).ToList(),
            before,
            Funnel("total", started),
            filter.DaysOf(clock).Reverse().Select(d =>
            {
                var row = Funnel(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), started.Where(f => clock.DayOf(f.StartedAt) == d));
                return (row.Key, row.Started, row.Solved, row.Escalated, row.CameBack);
            }).ToList(),
            started.GroupBy(f => f.Topic ?? "-").ToDictionary(g => g.Key, g => g.Count()),
            started.Where(f => f.EscalatedChannel is not null).GroupBy(f => f.EscalatedChannel!.Value).ToDictionary(g => g.Key, g => g.Count()));
    }

    private sealed class RetentionFactory : HelpCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:Insights:RawEventRetentionDays"] = "2",
        };
    }
}
