using HelpCenter.Analytics;
using System.Text.RegularExpressions;
using HelpCenter.Accounts;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Contact;

/// <summary>
/// What the system knows about the customer's situation, gathered on the server (never from form fields): where the
/// flow started, the session's last searches and article views, the suggestions shown and opened, the browser,
/// and for a signed-in customer the account. Operators see these facts as "verified by the system".
/// </summary>
public sealed partial class RequestContextBuilder(HelpCenterDbContext db, UserManager<ApplicationUser> users, AnalyticsWriter analytics)
{
    public const int HistoryLength = 10;

    public Task<RequestContext> BuildAsync(HttpContext http, ContactFlow? flow, string? browserTimeZone, int signInCount = 5, CancellationToken cancellationToken = default) =>
        BuildAsync(http, flow, browserTimeZone, account: null, signInCount, cancellationToken);

    /// <param name="account">The account when the visitor is not signed in with it (a mailed link that names it).</param>
    public async Task<RequestContext> BuildAsync(HttpContext http, ContactFlow? flow, string? browserTimeZone, ApplicationUser? account, int signInCount = 5,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var visitor = VisitorCookie.GetOrCreate(http);

        // Searches and views of the last moments may still be queued: write them, so the context is complete.
        await analytics.FlushAsync(cancellationToken);
        var searches = await db.SearchLogs.AsNoTracking().Where(s => s.SessionId == visitor)
            .OrderByDescending(s => s.Id).Take(HistoryLength).Select(s => s.Query).ToListAsync(cancellationToken);
        var articles = await db.ArticleViews.AsNoTracking().Where(v => v.VisitorId == visitor)
            .OrderByDescending(v => v.Id).Take(HistoryLength).Select(v => v.Language + "/" + v.Slug).ToListAsync(cancellationToken);
        var userAgent = LogText.Safe(http.Request.Headers.UserAgent.ToString());

        AccountFacts? facts = null;
        if ((account ?? await users.GetUserAsync(http.User)) is { } user)
        {
            var signIns = await db.SignIns.AsNoTracking().Where(r => r.UserId == user.Id).OrderByDescending(r => r.Id).Take(signInCount)
                .Select(r => new SignInFact(r.At, r.Outcome.ToString(), r.IpAddress, r.UserAgent)).ToListAsync(cancellationToken);
            facts = new AccountFacts(user.Id, user.Email!, user.TwoFactorEnabled, user.IsFrozen, signIns);
        }

        // The same maintained parser (uap-core's rules) as the sign-in history: operators read "Chrome on Android".
        var parsed = UserAgents.Parse(userAgent);
        return new RequestContext(
            flow?.StartPage,
            Localization.Languages.Current,
            parsed.Browser ?? "unknown",
            parsed.System ?? "unknown",
            userAgent,
            TimeZoneOrNull(browserTimeZone),
            searches,
            articles,
            ContactFlowService.Lines(flow?.ShownSlugs),
            ContactFlowService.Lines(flow?.OpenedSlugs),
            facts);
    }

    /// <summary>An IANA time-zone name reported by the browser (Intl API), accepted only if it looks like one.</summary>
    public static string? TimeZoneOrNull(string? value) =>
        value is { Length: > 0 and <= 64 } && TimeZonePattern().IsMatch(value) ? value : null;

    [GeneratedRegex(@"^[A-Za-z]+(/[A-Za-z0-9_+\-]+){0,2}$|^UTC$")]
    private static partial Regex TimeZonePattern();
}
