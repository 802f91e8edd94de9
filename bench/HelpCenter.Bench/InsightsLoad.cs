using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;

namespace HelpCenter.Bench;

/// <summary>
/// <c>bench insights</c>: starts the site on a fresh database, seeds it with a year's worth of analytics (1,000,000
/// searches, 1,000,000 article views, 100,000 contact flows, 50,000 chats with their messages, spread over the last
/// 120 days, in time order as a site writes them), signs in as the admin and times every insights page for each period (7, 30, 90 days) through HTTP:
/// the time a reader waits, rendering included. Rows are written with SQL straight into the site's SQLite file (in
/// the form EF Core writes them), which is what the analytics writer would have produced.
/// </summary>
public static class InsightsLoad
{
    private static readonly string[] Pages = ["/insights/search", "/insights/articles", "/insights/deflection", "/insights/support"];

    public static async Task<int> RunAsync(int searches, int views, int flows, int chats, int rounds, TextWriter output)
    {
        await using var site = await SiteProcess.StartAsync();
        var database = Path.Combine(site.DataPath, "helpcenter.db");
        var clock = Stopwatch.StartNew();
        Seed(database, searches, views, flows, chats);
        output.WriteLine($"seeded {searches:N0} searches, {views:N0} views, {flows:N0} flows, {chats:N0} chats in {clock.Elapsed.TotalSeconds:F0} s " +
            $"({new FileInfo(database).Length / 1024 / 1024:N0} MB)");

        // The rows were written behind the site's back: start it again, and let its roll-up (at start) build the daily
        // aggregates of the closed days before the pages are timed, as on a site that has been running.
        await site.KillAsync();
        await site.RestartAsync();
        clock.Restart();
        await WaitForRollupAsync(site);
        output.WriteLine($"rolled up the closed days in {clock.Elapsed.TotalSeconds:F0} s");

        var cookies = await site.SignInAsync("admin@example.com");
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        output.WriteLine($"{"page",-22} {"days",4} {"median ms",10} {"max ms",8} {"KB",6}");
        var worst = 0.0;
        foreach (var page in Pages)
        {
            foreach (var days in new[] { 7, 30, 90 })
            {
                var url = $"{page}?days={days}";
                var times = new List<double>();
                long size = 0;
                for (var i = 0; i <= rounds; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
                    var body = await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
                    }

                    size = body.Length;
                    if (i > 0)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                var median = times[times.Count / 2];
                worst = Math.Max(worst, median);
                output.WriteLine($"{page,-22} {days,4} {median,10:F0} {times[^1],8:F0} {size / 1024,6:N0}");
            }
        }

        output.WriteLine($"slowest median: {worst:F0} ms (target < 500 ms)");
        return 0;
    }

    private static async Task WaitForRollupAsync(SiteProcess site)
    {
        var japan = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, japan).DateTime).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var health = await http.GetStringAsync(new Uri("/healthz", UriKind.Relative));
            if (health.Contains($"\"windowsThrough\":\"{yesterday}\"", StringComparison.Ordinal))
            {
                return;
            }

            if (watch.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException($"The roll-up did not reach {yesterday} within 20 minutes: {health}");
            }

            await Task.Delay(1000);
        }
    }

    private static string Stored(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static void Seed(string database, int searches, int views, int flows, int chats)
    {
        var random = new Random(17);
        var now = DateTimeOffset.UtcNow;
        // Events arrive in time order (the analytics writer appends them), so row ids follow time as on a real site.
        DateTimeOffset InOrder(int i, int count) => now.AddSeconds(-120 * 86400 * (1 - (i + random.NextDouble()) / count));
        string Language() => random.Next(10) switch { < 7 => "ja", < 9 => "en", _ => "zh" };
        string Visitor() => "v" + random.Next(300_000).ToString(CultureInfo.InvariantCulture);

        // A long tail of queries: a few hundred frequent ones, thousands of rare ones.
        var words = new[] { "パスワード", "出金", "入金", "手数料", "二段階認証", "本人確認", "ログイン", "口座", "凍結", "スマホ", "password", "fees", "withdraw", "2fa", "密码", "提现" };
        string Query() => random.Next(4) == 0
            ? "rare" + random.Next(20_000).ToString(CultureInfo.InvariantCulture)
            : words[random.Next(words.Length)] + " " + words[random.Next(words.Length)] + (random.Next(3) == 0 ? "" : random.Next(50).ToString(CultureInfo.InvariantCulture));
        var slugs = new[] { "password-reset", "withdrawal-fees", "two-factor-setup", "recovery-codes", "identity-verification", "deposit-methods", "account-freeze", "login-trouble" };

        using var connection = new SqliteConnection($"Data Source={database};Pooling=false");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA synchronous = OFF;";
            pragma.ExecuteNonQuery();
        }

        void Insert(string sql, int count, Action<SqliteParameterCollection, int> fill, int parameters)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var p = 0; p < parameters; p++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + p.ToString(CultureInfo.InvariantCulture), null));
            }

            command.Prepare();
            for (var i = 0; i < count; i++)
            {
                fill(command.Parameters, i);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        Insert("INSERT INTO SearchLogs (Key, CreatedAt, Query, Language, Category, ResultCount, Source, SessionId, ClickedSlug, ClickedRank) VALUES ($p0, $p1, $p2, $p3, NULL, $p4, 'page', $p5, $p6, $p7)",
            searches, (p, i) =>
            {
                var results = random.Next(10) == 0 ? 0 : random.Next(1, 40);
                var clicked = results > 0 && random.Next(10) < 6;
                p[0].Value = Guid.NewGuid().ToString().ToUpperInvariant();
                p[1].Value = Stored(InOrder(i, searches));
                p[2].Value = Query();
                p[3].Value = Language();
                p[4].Value = results;
                p[5].Value = Visitor();
                p[6].Value = clicked ? slugs[random.Next(slugs.Length)] : DBNull.Value;
                p[7].Value = clicked ? random.Next(1, 6) : DBNull.Value;
            }, 8);

        Insert("INSERT INTO ArticleViews (VisitorId, Slug, Language, At) VALUES ($p0, $p1, $p2, $p3)", views, (p, i) =>
        {
            p[0].Value = Visitor();
            p[1].Value = slugs[random.Next(slugs.Length)];
            p[2].Value = Language();
            p[3].Value = Stored(InOrder(i, views));
        }, 4);

        var channels = new[] { "Email", "Chat", "Callback", "Phone" };
        Insert("INSERT INTO ContactFlows (Id, VisitorId, Language, Topic, StartPage, StartedAt, ShownSlugs, OpenedSlugs, SolvedAt, EscalatedAt, EscalatedChannel) " +
            "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10)", flows, (p, i) =>
        {
            var started = InOrder(i, flows);
            var outcome = random.Next(10);
            p[0].Value = Guid.NewGuid().ToString().ToUpperInvariant();
            p[1].Value = Visitor();
            p[2].Value = Language();
            p[3].Value = new[] { "account", "security", "trading", "deposit" }[random.Next(4)];
            p[4].Value = "/" + new[] { "", "ja/articles/password-reset", "faq", "search" }[random.Next(4)];
            p[5].Value = Stored(started);
            p[6].Value = random.Next(4) == 0 ? DBNull.Value : "password-reset\nwithdrawal-fees";
            p[7].Value = random.Next(2) == 0 ? DBNull.Value : "password-reset";
            p[8].Value = outcome < 4 ? Stored(started.AddMinutes(3)) : DBNull.Value;
            p[9].Value = outcome >= 6 ? Stored(started.AddMinutes(5)) : DBNull.Value;
            p[10].Value = outcome >= 6 ? channels[random.Next(channels.Length)] : DBNull.Value;
        }, 11);

        var requestBase = 1_000_000;
        Insert("INSERT INTO Requests (Id, Reference, Channel, Priority, Status, Topic, Language, Email, Description, ScreenshotsJson, CustomerReadSequence, AgentReadSequence, " +
            "QueuedAt, AssignedAt, Resolution, SurveyRating, CreatedAt, UpdatedAt) VALUES ($p0, $p1, 'Chat', 'Normal', $p2, 'account', $p3, 'bench@example.com', 'bench', '[]', 0, 0, " +
            "$p4, $p5, $p6, $p7, $p8, $p8)", chats, (p, i) =>
        {
            var created = InOrder(i, chats);
            var solved = random.Next(20) != 0;
            p[0].Value = requestBase + i;
            p[1].Value = "HC-BENCH-" + i.ToString(CultureInfo.InvariantCulture);
            p[2].Value = solved ? "Solved" : "Open";
            p[3].Value = Language();
            p[4].Value = Stored(created);
            p[5].Value = Stored(created.AddSeconds(random.Next(5, 600)));
            p[6].Value = solved ? (random.Next(3) == 0 ? "self-service" : "solved") : DBNull.Value;
            p[7].Value = random.Next(3) == 0 ? random.Next(1, 6) : DBNull.Value;
            p[8].Value = Stored(created);
        }, 9);
        Insert("INSERT INTO RequestMessages (RequestId, Sequence, Kind, Body, CreatedAt) SELECT $p0, $p1, $p2, 'bench', $p3", chats * 3, (p, i) =>
        {
            var request = requestBase + i / 3;
            p[0].Value = request;
            p[1].Value = i % 3 + 1;
            p[2].Value = i % 3 == 1 ? "Agent" : "Customer";
            p[3].Value = Stored(InOrder(i / 3, chats).AddMinutes(i % 3 * 2));
        }, 4);

        using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }
}
