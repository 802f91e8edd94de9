using HelpCenter.IntegrationTests.Chat;

namespace HelpCenter.IntegrationTests.MultiInstance;

/// <summary>
/// Two app processes, A and B, on different ports, as two machines behind a load balancer: each its own data folder
/// (search index, key ring) and the same database and Redis. The database is a shared SQLite file by default, or a new
/// database on the PostgreSQL server named by <c>HELPCENTER_TEST_POSTGRES</c> (an Npgsql connection string, set by
/// tests/run.sh) when that is set. Redis is the run's (<c>HELPCENTER_TEST_REDIS</c>) or one of the harness's own.
/// </summary>
public sealed class TwoInstanceCluster : IAsyncLifetime
{
    public const string PostgresVariable = "HELPCENTER_TEST_POSTGRES";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "hc-two-" + Guid.NewGuid().ToString("N")[..10]);
    private RedisServer? _redis;

    public AppProcess A { get; private set; } = default!;

    public AppProcess B { get; private set; } = default!;

    /// <summary>Where the test keeps the authenticator codes it used (each is good once).</summary>
    public string CodesFolder => Path.Combine(_root, "codes");

    /// <summary>"Sqlite" or "PostgreSQL": which database this run shares.</summary>
    public string Provider { get; private set; } = "Sqlite";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CodesFolder);
        _redis = await RedisServer.StartAsync();
        var shared = new Dictionary<string, string>
        {
            ["HelpCenter:ContentPath"] = Repository.Content,
            ["HelpCenter:Redis:ConnectionString"] = _redis.ConnectionString,
            ["HelpCenter:Redis:KeyPrefix"] = _redis.KeyPrefix,
            ["HelpCenter:Accounts:SeedDevelopmentAccounts"] = "true",
            ["HelpCenter:Accounts:SignInPermitsPerIp"] = "100000",
            ["HelpCenter:RateLimits:PublicFormPermits"] = "100000",
            ["HelpCenter:Mail:PublicBaseUrl"] = "http://localhost",
        };
        foreach (var (key, value) in Database())
        {
            shared[key] = value;
        }

        // A first: it migrates the database and imports the content; B joins an existing site.
        A = await AppProcess.StartAsync("A", With(shared, "a"));
        B = await AppProcess.StartAsync("B", With(shared, "b"));
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Dictionary<string, string> With(Dictionary<string, string> shared, string name) => new(shared)
    {
        ["HelpCenter:DataPath"] = Path.Combine(_root, name),
    };

    private Dictionary<string, string> Database()
    {
        if (Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server)
        {
            // A database of this run's own on the shared server (the provider creates it when it migrates).
            Provider = "PostgreSQL";
            return new()
            {
                ["HelpCenter:Database:Provider"] = "PostgreSQL",
                ["HelpCenter:Database:ConnectionString"] = server.TrimEnd(';') + ";Database=hc_two_" + Guid.NewGuid().ToString("N")[..10],
            };
        }

        Directory.CreateDirectory(_root);
        return new() { ["HelpCenter:Database:ConnectionString"] = $"Data Source={Path.Combine(_root, "shared.db")}" };
    }
}
