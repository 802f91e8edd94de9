using System.Security.Claims;
using System.Threading.RateLimiting;

namespace HelpCenter.Chat;

/// <summary>
/// At most <see cref="ChatHub.MessagesPerMinute"/> messages a minute per conversation side and per sender (the account,
/// else the visitor cookie), through the hub and the form alike. Counting per connection let a flooder open a new one.
/// In memory, per instance: with N instances a flooder gets N times the budget.
/// </summary>
public sealed class ChatFloodGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = ChatHub.MessagesPerMinute, Window = TimeSpan.FromMinutes(1) }));

    /// <summary>False when the conversation (this side of it) or the sender has sent enough this minute.</summary>
    public bool TryAcquire(string reference, bool agent, ClaimsPrincipal user, HttpContext? http)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(user);
        using var conversation = _limiter.AttemptAcquire($"conversation:{reference}:{(agent ? "agent" : "customer")}");
        if (!conversation.IsAcquired)
        {
            return false;
        }

        var sender = user.FindFirstValue(ClaimTypes.NameIdentifier) is { } account ? "account:" + account
            : http is not null && Infrastructure.VisitorCookie.Existing(http) is { } visitor ? "visitor:" + visitor
            : null;
        if (sender is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire(sender);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
