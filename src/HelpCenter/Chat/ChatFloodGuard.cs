using System.Security.Claims;
using System.Threading.RateLimiting;
using HelpCenter.Infrastructure.Distributed;

namespace HelpCenter.Chat;

/// <summary>
/// At most <see cref="ChatHub.MessagesPerMinute"/> messages a minute per conversation side and per sender (the account,
/// else the visitor cookie), through the hub and the form alike. Counting per connection let a flooder open a new one.
/// Counted in Redis when it is configured, so N instances still give a flooder one budget; in memory otherwise.
/// </summary>
public sealed class ChatFloodGuard(DistributedRateLimits limits) : IDisposable
{
    public const string Policy = "chat-flood";

    private readonly PartitionedRateLimiter<string> _limiter = limits.Create(Policy, ChatHub.MessagesPerMinute, TimeSpan.FromMinutes(1));

    /// <summary>False when the conversation (this side of it) or the sender has sent enough this minute.</summary>
    public async ValueTask<bool> TryAcquireAsync(string reference, bool agent, ClaimsPrincipal user, HttpContext? http)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(user);
        using var conversation = await _limiter.AcquireAsync($"conversation:{reference}:{(agent ? "agent" : "customer")}");
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

        using var lease = await _limiter.AcquireAsync(sender);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
