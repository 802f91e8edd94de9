using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Whether an anonymous page view may write an analytics row (a search log, a contact flow). Not when the request
/// carries nothing worth keeping: no visitor cookie and no question (a script that keeps no cookies wrote a row per
/// GET, without limit). And only so many a minute per visitor (the cookie, else the client address) and per client
/// address. In memory, per instance; the batched event pipeline of the performance work is meant to replace this.
/// </summary>
public sealed class AnalyticsBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AnalyticsBudget(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.StartsWith("ip:", StringComparison.Ordinal) ? settings.AnalyticsWritesPerIpPerMinute : settings.AnalyticsWritesPerVisitorPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
    }

    /// <summary>True when a row may be written for this request; <paramref name="hasQuestion"/>: the visitor typed something.</summary>
    public bool TryTake(HttpContext context, bool hasQuestion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var visitor = VisitorCookie.Existing(context);
        if (visitor is null && !hasQuestion)
        {
            return false;
        }

        var ip = "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        using var perVisitor = _limiter.AttemptAcquire(visitor is null ? ip + ":visitor" : "visitor:" + visitor);
        if (!perVisitor.IsAcquired)
        {
            return false;
        }

        using var perIp = _limiter.AttemptAcquire(ip);
        return perIp.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
