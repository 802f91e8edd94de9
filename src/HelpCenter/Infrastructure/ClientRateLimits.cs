using System.Threading.RateLimiting;
using HelpCenter.Infrastructure.Distributed;

namespace HelpCenter.Infrastructure;

/// <summary>The one shape of the site's rate limits: a fixed window per client IP (the address seen after forwarded
/// headers are applied), shared by every instance when Redis is configured (<see cref="DistributedRateLimits"/>).</summary>
public static class ClientRateLimits
{
    public static RateLimitPartition<string> PerIp(HttpContext context, string policy, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<DistributedRateLimits>()
            .FixedWindow(policy, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", permits, window);
    }

    /// <summary>Submissions only: showing the page that carries a form is never limited.</summary>
    public static RateLimitPartition<string> PostsPerIp(HttpContext context, string policy, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsPost(context.Request.Method) ? PerIp(context, policy, permits, window) : RateLimitPartition.GetNoLimiter("read");
    }

    /// <summary>Seconds a refused client should wait: in-process limiters give a <see cref="TimeSpan"/>, RedisRateLimiting
    /// whole seconds under the same metadata name.</summary>
    public static TimeSpan? RetryAfter(RateLimitLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var value) ? value switch
        {
            TimeSpan wait => wait,
            int seconds => TimeSpan.FromSeconds(seconds),
            long seconds => TimeSpan.FromSeconds(seconds),
            _ => null,
        }
        : null;
    }
}
