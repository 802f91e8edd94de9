using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

/// <summary>
/// Progressive delays instead of a lockout: after <see cref="AccountOptions.SignInFailuresBeforeDelay"/> failed
/// sign-ins (password, authenticator code or recovery code) each further attempt must wait, twice as long each time,
/// up to <see cref="AccountOptions.SignInMaxDelayMinutes"/>. Failures are counted apart for each browser the account
/// knows (one it signed in from before, <see cref="AccountActivity.BrowserCookie"/>) and together for all others, so a
/// stranger guessing from anywhere slows only strangers: the owner at their usual browser is never kept out.
/// Counts live in the database (they hold across instances); addresses without an account get the same treatment in
/// memory, so that delays do not reveal which addresses have one.
/// </summary>
public sealed class SignInThrottle(HelpCenterDbContext db, TimeProvider clock, IOptions<AccountOptions> options, IHttpContextAccessor http, UnknownAccountDelays unknown)
{
    /// <summary>How long this browser must still wait before trying this account, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(ApplicationUser? user, string email, CancellationToken cancellationToken = default)
    {
        var until = user is null ? unknown.DelayedUntil(email)
            : await KnownBrowserAsync(user, cancellationToken) is { } browser ? browser.SignInDelayedUntil
            : user.SignInDelayedUntil;
        var wait = until - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a failure and starts the wait it earns.</summary>
    public async Task FailedAsync(ApplicationUser? user, string email, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (user is null)
        {
            unknown.Failed(email, now, Delay);
            return;
        }

        if (await KnownBrowserAsync(user, cancellationToken) is { } browser)
        {
            browser.SignInFailures++;
            browser.SignInDelayedUntil = Delay(browser.SignInFailures) is { } wait ? now + wait : null;
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // One conditional statement, so that parallel guesses all count.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SignInFailures, u => u.SignInFailures + 1), cancellationToken);
        var failures = await db.Users.Where(u => u.Id == user.Id).Select(u => u.SignInFailures).SingleAsync(cancellationToken);
        var until = Delay(failures) is { } delay ? now + delay : (DateTimeOffset?)null;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SignInDelayedUntil, until), cancellationToken);
        (user.SignInFailures, user.SignInDelayedUntil) = (failures, until);
    }

    /// <summary>A complete sign-in: this browser's count starts again (the account's too when it came from a stranger's
    /// count: the owner got in).</summary>
    public async Task SucceededAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await KnownBrowserAsync(user, cancellationToken) is { } browser)
        {
            (browser.SignInFailures, browser.SignInDelayedUntil) = (0, null);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await ClearAsync(user, cancellationToken);
    }

    /// <summary>The owner proved control of the mailbox (password reset): strangers' count starts again.</summary>
    public async Task ClearAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SignInFailures, 0).SetProperty(u => u.SignInDelayedUntil, (DateTimeOffset?)null), cancellationToken);
        (user.SignInFailures, user.SignInDelayedUntil) = (0, null);
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure in a row, or null while failures are still free.</summary>
    public TimeSpan? Delay(int failures)
    {
        var settings = options.Value;
        var beyond = failures - settings.SignInFailuresBeforeDelay;
        if (beyond < 0)
        {
            return null;
        }

        var seconds = settings.SignInFirstDelaySeconds * Math.Pow(2, Math.Min(beyond, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, settings.SignInMaxDelayMinutes * 60.0));
    }

    /// <summary>The form again, with 429, the wait in Retry-After and a message saying how long (what was typed stays).</summary>
    public static Microsoft.AspNetCore.Mvc.RazorPages.PageResult Delayed(Microsoft.AspNetCore.Mvc.RazorPages.PageModel page, TimeSpan wait, string message)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.ModelState.AddModelError(string.Empty, message);
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page.Page();
    }

    /// <summary>A wait in whole seconds, rounded up.</summary>
    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private async Task<KnownBrowser?> KnownBrowserAsync(ApplicationUser user, CancellationToken cancellationToken) =>
        AccountActivity.BrowserHash(http.HttpContext) is { } hash
            ? await db.Set<KnownBrowser>().FirstOrDefaultAsync(b => b.UserId == user.Id && b.BrowserHash == hash, cancellationToken)
            : null;
}

/// <summary>The same delays for addresses that have no account, in memory (bounded): without them, an address whose
/// attempts never slow down would be one nobody registered.</summary>
public sealed class UnknownAccountDelays : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public DateTimeOffset? DelayedUntil(string email) =>
        _entries.TryGetValue(Key(email), out Entry? entry) ? entry!.Until : null;

    public void Failed(string email, DateTimeOffset now, Func<int, TimeSpan?> delay)
    {
        ArgumentNullException.ThrowIfNull(delay);
        var key = Key(email);
        var failures = (_entries.TryGetValue(key, out Entry? entry) ? entry!.Failures : 0) + 1;
        var wait = delay(failures);
        _entries.Set(key, new Entry(failures, wait is null ? null : now + wait), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
    }

    public void Dispose() => _entries.Dispose();

    private static string Key(string email) => (email ?? "").Trim().ToUpperInvariant();

    private sealed record Entry(int Failures, DateTimeOffset? Until);
}
