using Npgsql;

namespace HelpCenter.Bench;

/// <summary>
/// Where chat-load runs: one site process for customers and operators, or (<c>--two-instances</c>) two site processes
/// on one PostgreSQL database and one Redis, customers on the first and operators on the second, as behind a load
/// balancer. The servers are the operator's: <c>HELPCENTER_BENCH_POSTGRES</c> (a connection string whose user may
/// create databases; the bench creates a fresh one and drops it) and <c>HELPCENTER_BENCH_REDIS</c> (host:port).
/// </summary>
internal sealed class TwoInstances(SiteProcess customers, SiteProcess? operators, string? database) : IAsyncDisposable
{
    public SiteProcess Customers { get; } = customers;

    public SiteProcess Operators { get; } = operators ?? customers;

    public static async Task<TwoInstances> StartAsync(TextWriter output)
    {
        var server = Environment.GetEnvironmentVariable("HELPCENTER_BENCH_POSTGRES");
        var redis = Environment.GetEnvironmentVariable("HELPCENTER_BENCH_REDIS");
        if (string.IsNullOrWhiteSpace(server) || string.IsNullOrWhiteSpace(redis))
        {
            throw new InvalidOperationException("--two-instances needs HELPCENTER_BENCH_POSTGRES (a PostgreSQL connection string whose user may create " +
                "databases) and HELPCENTER_BENCH_REDIS (host:port); docs/benchmarks.md shows how to start both for a run.");
        }

        var database = "hc_bench_" + Guid.NewGuid().ToString("N")[..10];
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        var settings = new Dictionary<string, string>
        {
            ["HelpCenter__Database__Provider"] = "PostgreSQL",
            ["HelpCenter__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString,
            ["HelpCenter__Redis__ConnectionString"] = redis,
            ["HelpCenter__Redis__KeyPrefix"] = database + ":",
        };

        // One after the other: the first applies the migrations.
        var a = await SiteProcess.StartAsync(settings, "a");
        var b = await SiteProcess.StartAsync(settings, "b");
        output.WriteLine($"two instances on PostgreSQL ({database}) and Redis ({redis}): customers on {a.BaseAddress}, operators on {b.BaseAddress}; " +
            $"logs {a.LogFile}, {b.LogFile}");
        return new TwoInstances(a, b, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Customers.DisposeAsync();
        if (Operators != Customers)
        {
            await Operators.DisposeAsync();
        }

        if (database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Environment.GetEnvironmentVariable("HELPCENTER_BENCH_POSTGRES")!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
