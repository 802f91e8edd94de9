using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

/// <summary>
/// Progressive delays instead of a lockout: after <see cref="AccountOptions.SignInFailuresBeforeDelay"/> failed
/// sign-ins (password, authenticator code or recovery code) each further attempt must wait, twice as long each time,
/// up to <see cref="AccountOptions.SignInMaxDelayMinutes"/>. Failures are counted apart for each browser the account
/// knows (one it signed in from before, <see cref="AccountActivity.BrowserCookie"/>) and together for all others, so a
/// stranger guessing from anywhere slows only strangers: the owner at their usual browser is never kept out.
/// Counts live in the database (they hold across instances); addresses without an account get the same treatment
/// (<see cref="UnknownSignIn"/>), so that delays do not reveal which addresses have one.
/// </summary>
public sealed class SignInThrottle(HelpCenterDbContext db, TimeProvider clock, IOptions<AccountOptions> options, IHttpContextAccessor http)
{
    /// <summary>How long this browser must still wait before trying this account, or null when it may try now.</summary>
    public async Task<TimeSpan?> WaitAsync(ApplicationUser? user, string email, CancellationToken cancellationToken = default)
    {
        var until = user is null ? await UnknownDelayedUntilAsync(email, cancellationToken)
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
            await UnknownFailedAsync(email, now, cancellationToken);
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

    private async Task<DateTimeOffset?> UnknownDelayedUntilAsync(string email, CancellationToken cancellationToken)
    {
        var key = UnknownSignIn.KeyOf(email);
        var since = clock.GetUtcNow() - UnknownSignIn.Window;
        return await db.UnknownSignIns.AsNoTracking().Where(u => u.Key == key && u.LastFailureAt >= since)
            .Select(u => u.DelayedUntil).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One upsert counts the failure (parallel guesses through any instance all count), then the wait is set.</summary>
    private async Task UnknownFailedAsync(string email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = UnknownSignIn.KeyOf(email);
        var stale = (now - UnknownSignIn.Window).UtcTicks;
        var failures = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "UnknownSignIns" ("Key", "Failures", "LastFailureAt") VALUES ({key}, 1, {now.UtcTicks})
            ON CONFLICT ("Key") DO UPDATE SET
                "Failures" = CASE WHEN "UnknownSignIns"."LastFailureAt" < {stale} THEN 1 ELSE "UnknownSignIns"."Failures" + 1 END,
                "LastFailureAt" = {now.UtcTicks}
            RETURNING "Failures" AS "Value"
            """).ToListAsync(cancellationToken)).Single();
        var until = Delay(failures) is { } wait ? now + wait : (DateTimeOffset?)null;
        await db.UnknownSignIns.Where(u => u.Key == key).ExecuteUpdateAsync(s => s.SetProperty(u => u.DelayedUntil, until), cancellationToken);
        if (failures == 1)
        {
            // A new (or restarted) address: sweep the rows nobody has failed on within the window.
            var since = now - UnknownSignIn.Window;
            await db.UnknownSignIns.Where(u => u.LastFailureAt < since).ExecuteDeleteAsync(cancellationToken);
        }
    }

    private async Task<KnownBrowser?> KnownBrowserAsync(ApplicationUser user, CancellationToken cancellationToken) =>
        AccountActivity.BrowserHash(http.HttpContext) is { } hash
            ? await db.Set<KnownBrowser>().FirstOrDefaultAsync(b => b.UserId == user.Id && b.BrowserHash == hash, cancellationToken)
            : null;
}
