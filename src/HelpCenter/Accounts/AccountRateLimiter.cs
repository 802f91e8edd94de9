using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

/// <summary>
/// Limits sign-in attempts per account, whatever IP they come from (a botnet trying one password per IP).
/// The per-IP limit is an ASP.NET Core rate-limiting policy; this one needs the email from the form, which the
/// middleware does not see. In memory, per instance: with N instances an attacker gets N times the budget.
/// </summary>
public sealed class AccountRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AccountRateLimiter(IOptions<AccountOptions> options)
    {
        var settings = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(account, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = settings.SignInPermitsPerAccount, Window = TimeSpan.FromSeconds(settings.SignInWindowSeconds) }));
    }

    /// <summary>False when this account has had too many attempts in the current window.</summary>
    public bool TryAcquire(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
