using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HelpCenter.Infrastructure.Distributed;

/// <summary>
/// The process's one <see cref="ConnectionMultiplexer"/> (it is built to be shared: one socket, every caller multiplexed
/// on it), opened on first use. It does not abort when Redis is down at start: it keeps reconnecting in the
/// background, and callers see <see cref="RedisConnectionException"/> meanwhile.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _multiplexer;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.ConnectionString is { Length: > 0 } connectionString)
        {
            // The backplane's channels as before the setting was shared ("helpcenter-chat" by default).
            var channelPrefix = options.Value.KeyPrefix.TrimEnd(':') + "-chat";
            _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(connectionString, channelPrefix), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        KeyPrefix = options.Value.KeyPrefix;
    }

    /// <summary>Start of every key the site writes (<see cref="RedisOptions.KeyPrefix"/>).</summary>
    public string KeyPrefix { get; }

    /// <summary>True when a Redis server is configured (whether or not it answers now).</summary>
    public bool IsConfigured => _multiplexer is not null;

    /// <summary>The shared connection; only when <see cref="IsConfigured"/>.</summary>
    public IConnectionMultiplexer Multiplexer =>
        _multiplexer?.Value ?? throw new InvalidOperationException("Redis is not configured (HelpCenter:Redis:ConnectionString).");

    public void Dispose()
    {
        if (_multiplexer is { IsValueCreated: true })
        {
            _multiplexer.Value.Dispose();
        }
    }

    private static ConnectionMultiplexer Connect(string connectionString, string channelPrefix)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ChannelPrefix = RedisChannel.Literal(channelPrefix);
        configuration.ClientName ??= "helpcenter-" + Environment.MachineName;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
