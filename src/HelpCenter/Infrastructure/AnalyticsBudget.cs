using System.Threading.RateLimiting;
using HelpCenter.Infrastructure.Distributed;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Whether an anonymous page view may write an analytics row (a search log, a contact flow, an article view). Not when
/// the request carries nothing worth keeping: no visitor cookie and no question (a script that keeps no cookies wrote a
/// row per GET, without limit). And only so many a minute per visitor (the cookie, else the client address) and per
/// client address, counted like the other rate limits (<see cref="DistributedRateLimits"/>: shared by every instance
/// through Redis when it is configured, per instance otherwise).
/// </summary>
public sealed class AnalyticsBudget : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<string> _perVisitor;
    private readonly PartitionedRateLimiter<string> _perIp;

    public AnalyticsBudget(IOptions<RateLimitOptions> options, DistributedRateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _perVisitor = limits.Create("analytics-visitor", options.Value.AnalyticsWritesPerVisitorPerMinute, Window);
        _perIp = limits.Create("analytics-ip", options.Value.AnalyticsWritesPerIpPerMinute, Window);
    }

    /// <summary>True when a row may be written for this request; <paramref name="hasQuestion"/>: the visitor typed something.</summary>
    public async ValueTask<bool> TryTakeAsync(HttpContext context, bool hasQuestion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var visitor = VisitorCookie.Existing(context);
        if (visitor is null && !hasQuestion)
        {
            return false;
        }

        var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var perVisitor = await _perVisitor.AcquireAsync(visitor is null ? "ip:" + ip : visitor, cancellationToken: context.RequestAborted);
        if (!perVisitor.IsAcquired)
        {
            return false;
        }

        using var perIp = await _perIp.AcquireAsync(ip, cancellationToken: context.RequestAborted);
        return perIp.IsAcquired;
    }

    public void Dispose()
    {
        _perVisitor.Dispose();
        _perIp.Dispose();
    }
}
