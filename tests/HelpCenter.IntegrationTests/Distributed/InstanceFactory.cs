using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;

namespace HelpCenter.IntegrationTests.Distributed;

/// <summary>
/// One of several instances of the app in this test process, as behind a load balancer: the shared data folder (so
/// one SQLite database and one key ring), its own search index, and the shared Redis when one is given.
/// </summary>
public sealed class InstanceFactory(string dataPath, string name, RedisServer? redis, IReadOnlyDictionary<string, string>? extra = null) : MailFactory
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["HelpCenter:DataPath"] = dataPath,
                ["HelpCenter:Search:IndexPath"] = "index-" + name,
            };
            if (redis is not null)
            {
                settings["HelpCenter:Redis:ConnectionString"] = redis.ConnectionString;
                settings["HelpCenter:Redis:KeyPrefix"] = redis.KeyPrefix;
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>Two started instances on one new data folder; disposed together.</summary>
    public static async Task<Pair> StartPairAsync(RedisServer? redis, IReadOnlyDictionary<string, string>? extra = null)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-cluster-" + Guid.NewGuid().ToString("N")[..10]);
        var a = new InstanceFactory(dataPath, "a", redis, extra);
        await a.InitializeAsync();
        _ = a.Server;

        // B starts after A has migrated the database and imported the content, as a second instance joining would.
        var b = new InstanceFactory(dataPath, "b", redis, extra);
        await b.InitializeAsync();
        _ = b.Server;
        return new Pair(a, b);
    }

    public sealed class Pair(InstanceFactory a, InstanceFactory b) : IAsyncDisposable
    {
        public InstanceFactory A => a;

        public InstanceFactory B => b;

        public async ValueTask DisposeAsync()
        {
            await ((IAsyncLifetime)b).DisposeAsync();
            await ((IAsyncLifetime)a).DisposeAsync();
        }
    }
}
