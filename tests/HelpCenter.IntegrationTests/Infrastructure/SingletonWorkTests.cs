using HelpCenter.Chat;
using HelpCenter.Editor;
using HelpCenter.Insights;
using Npgsql;

namespace HelpCenter.IntegrationTests.Infrastructure;

/// <summary>Two instances on one PostgreSQL database: each run-once job (advisory-lock lease) runs on one of them, and
/// another takes it over when the holder's connection dies or the holder stops.</summary>
public sealed class SingletonWorkTests
{
    private static readonly string[] Leases = [ChatRetentionService.Lease, ChatPresenceMonitor.Lease, ScheduledPublisher.Lease, InsightsJob.Lease];

    [PostgresFact]
    public async Task EachJobRunsOnOneInstanceAndAnotherTakesOverWhenTheHolderDies()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-leases-" + Guid.NewGuid().ToString("N")[..10]);
        var (connectionString, created) = TestDatabase.ForDataPath(dataPath);
        var a = new NodeFactory(dataPath, "a");
        var b = new NodeFactory(dataPath, "b");
        try
        {
            _ = a.Server;
            _ = b.Server;
            await WaitUntilAsync(() => Leases.All(lease => Takes(a, lease) + Takes(b, lease) >= 1), "every lease taken");

            // Several retry intervals (1 s in tests) later, still one holder each: the other instance was refused.
            await Task.Delay(TimeSpan.FromSeconds(4));
            foreach (var lease in Leases)
            {
                Assert.Equal(1, Takes(a, lease) + Takes(b, lease));
            }

            Assert.Equal(Leases.Length, await HeldLocksAsync(connectionString));

            // The holder's connection dies (as when its process is killed): the server frees the locks, the holder
            // notices, and the jobs are held again, once each.
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var kill = connection.CreateCommand();
                kill.CommandText = "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()";
                await kill.ExecuteNonQueryAsync();
            }

            await WaitUntilAsync(() => a.Logs.Concat(b.Logs).Any(line => line.Contains("lost", StringComparison.Ordinal)), "the holder noticed");
            await WaitUntilAsync(async () => await HeldLocksAsync(connectionString) == Leases.Length, "leases held again");

            // The instance running chat retention stops: the other one takes it.
            var holder = Takes(a, ChatRetentionService.Lease) > Takes(b, ChatRetentionService.Lease) ? a : b;
            var other = holder == a ? b : a;
            var before = Takes(other, ChatRetentionService.Lease);
            await holder.DisposeAsync();
            await WaitUntilAsync(() => Takes(other, ChatRetentionService.Lease) > before, "the other instance took over");
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            if (created is not null)
            {
                TestDatabase.Drop(created, dataPath);
            }
        }
    }

    private static int Takes(HelpCenterFactory factory, string lease) =>
        factory.Logs.Count(line => line.Contains($"Lease {lease} taken", StringComparison.Ordinal));

    private static async Task<int> HeldLocksAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(200);
        }
    }

    private sealed class NodeFactory(string dataPath, string name) : HelpCenterFactory
    {
        protected override bool RequirePostgreSql => true;

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:DataPath"] = dataPath,
            ["HelpCenter:Search:IndexPath"] = Path.Combine(dataPath, "index-" + name),
            ["HelpCenter:Insights:RollupIntervalMinutes"] = "60", // off in the other tests
        };
    }
}
