using System.Threading.RateLimiting;

namespace HelpCenter.Infrastructure;

/// <summary>The one shape of the site's rate limits: a fixed window per client IP (the address seen after forwarded
/// headers are applied).</summary>
public static class ClientRateLimits
{
    public static RateLimitPartition<string> PerIp(HttpContext context, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window });
    }

    /// <summary>Submissions only: showing the page that carries a form is never limited.</summary>
    public static RateLimitPartition<string> PostsPerIp(HttpContext context, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsPost(context.Request.Method) ? PerIp(context, permits, window) : RateLimitPartition.GetNoLimiter("read");
    }
}
