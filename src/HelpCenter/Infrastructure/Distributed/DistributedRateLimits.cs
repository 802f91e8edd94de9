using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace HelpCenter.Infrastructure.Distributed;

/// <summary>
/// Fixed-window partitions for ASP.NET Core's rate limiter: counted in Redis (RedisRateLimiting, one Lua script per
/// request, so every instance shares one count) when Redis is configured, in this process otherwise. A Redis that
/// does not answer never fails a request: the partition counts in memory until it answers again (logged).
/// </summary>
public sealed class DistributedRateLimits(RedisConnection redis, ILogger<DistributedRateLimits> logger)
{
    private long _lastFailureLoggedAt;

    /// <summary>True when limits hold across instances.</summary>
    public bool Shared => redis.IsConfigured;

    /// <summary>A partition allowing <paramref name="permits"/> per <paramref name="window"/> for <paramref name="key"/>
    /// within <paramref name="policy"/> (policies never share a count).</summary>
    public RateLimitPartition<string> FixedWindow(string policy, string key, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        // RedisRateLimiting stores it as rl:fw:{<partition>}; the prefix keeps sites sharing a server apart.
        var partition = $"{redis.KeyPrefix}{policy}:{key}";
        var local = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window };
        if (!redis.IsConfigured)
        {
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => local);
        }

        return RateLimitPartition.Get(partition, name => new RedisOrLocalLimiter(
            new RedisFixedWindowRateLimiter<string>(name, new RedisFixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
            }),
            new FixedWindowRateLimiter(local),
            this));
    }

    /// <summary>A limiter for callers outside the HTTP pipeline (the chat hub), with the same partitions.</summary>
    public PartitionedRateLimiter<string> Create(string policy, int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => FixedWindow(policy, key, permits, window));

    private void RedisFailed(Exception exception)
    {
        // One line a minute at most: a Redis outage must not flood the log with one line per request.
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastFailureLoggedAt);
        if ((last == 0 || now - last > 60_000) && Interlocked.CompareExchange(ref _lastFailureLoggedAt, now, last) == last)
        {
            logger.LogWarning(exception, "Redis did not answer a rate-limit check; counting in this instance until it does");
        }
    }

    /// <summary>Redis first; the in-process window when Redis fails.</summary>
    private sealed class RedisOrLocalLimiter(RateLimiter redis, RateLimiter local, DistributedRateLimits owner) : RateLimiter
    {
        public override TimeSpan? IdleDuration => local.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

        // RedisRateLimiting answers only asynchronously (a synchronous attempt always fails); ASP.NET Core's middleware
        // then waits with AcquireAsync, as it does for any limiter that refuses at once.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Refused.Instance;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                return await redis.AcquireAsync(permitCount, cancellationToken);
            }
            catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
            {
                owner.RedisFailed(e);
                return await local.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                redis.Dispose();
                local.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class Refused : RateLimitLease
    {
        public static readonly Refused Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
