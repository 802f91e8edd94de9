using System.Security.Cryptography;
using System.Text;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Accounts;

/// <summary>
/// Records sign-in attempts for the account's history and the audit log, and recognises browsers: the first
/// successful sign-in from an unknown browser (a random <c>hc_browser</c> cookie, stored hashed) sends a mail.
/// </summary>
public sealed class AccountActivity(HelpCenterDbContext db, AuditLog audit, AccountMail mail, TimeProvider clock, IHttpContextAccessor http)
{
    public const string BrowserCookie = "hc_browser";
    public const int HistoryLength = 50;

    public async Task RecordAsync(ApplicationUser user, SignInOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var context = http.HttpContext!;
        var now = clock.GetUtcNow();
        var newBrowser = outcome == SignInOutcome.Succeeded && await RememberBrowserAsync(user, context, now, cancellationToken);
        var userAgent = Infrastructure.LogText.Safe(context.Request.Headers.UserAgent.ToString());
        var record = new SignInRecord
        {
            UserId = user.Id,
            At = now,
            IpAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent.Length > SignInRecord.UserAgentMaxLength ? userAgent[..SignInRecord.UserAgentMaxLength] : userAgent,
            Outcome = outcome,
            NewBrowser = newBrowser,
        };
        db.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        var kind = outcome switch
        {
            SignInOutcome.Succeeded => AuditKinds.SignedIn,
            SignInOutcome.LockedOut => AuditKinds.LockedOut,
            SignInOutcome.SecondFactorRequired => null,
            _ => AuditKinds.SignInFailed,
        };
        if (kind is not null)
        {
            await audit.WriteAsync(kind, user.Id, outcome.ToString(), actorId: user.Id, cancellationToken: cancellationToken);
        }

        if (newBrowser)
        {
            await mail.SendNewBrowserAsync(user, userAgent, context.Connection.RemoteIpAddress?.ToString() ?? "?", now, record.Id, cancellationToken);
        }
    }

    /// <summary>The stored form of this browser's <see cref="BrowserCookie"/>, or null when it sent none.</summary>
    public static string? BrowserHash(HttpContext? context) =>
        context is not null && context.Request.Cookies.TryGetValue(BrowserCookie, out var browserId) && browserId.Length is >= 20 and <= 64 ? Hash(browserId) : null;

    private static string Hash(string browserId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(browserId)));

    public Task<List<SignInRecord>> HistoryAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Set<SignInRecord>().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.Id).Take(HistoryLength).ToListAsync(cancellationToken);

    /// <summary>True when this browser had never signed in to this account, and the account had signed in before
    /// (the very first sign-in after registering is not news to the customer).</summary>
    private async Task<bool> RememberBrowserAsync(ApplicationUser user, HttpContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!context.Request.Cookies.TryGetValue(BrowserCookie, out var browserId) || browserId.Length is < 20 or > 64)
        {
            browserId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            context.Response.Cookies.Append(BrowserCookie, browserId, new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                MaxAge = TimeSpan.FromDays(400),
            });
        }

        var hash = Hash(browserId);
        var browsers = db.Set<KnownBrowser>();
        var known = await browsers.FirstOrDefaultAsync(b => b.UserId == user.Id && b.BrowserHash == hash, cancellationToken);
        if (known is not null)
        {
            known.LastSeen = now;
            return false;
        }

        var hadOthers = await browsers.AnyAsync(b => b.UserId == user.Id, cancellationToken);
        browsers.Add(new KnownBrowser { UserId = user.Id, BrowserHash = hash, FirstSeen = now, LastSeen = now });
        return hadOthers;
    }
}
