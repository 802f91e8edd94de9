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

        return new RequestContext(
            flow?.StartPage,
            Localization.Languages.Current,
            Browser(userAgent),
            OperatingSystem(userAgent),
            userAgent,
            TimeZoneOrNull(browserTimeZone),
            searches,
            articles,
            ContactFlowService.Lines(flow?.ShownSlugs),
            ContactFlowService.Lines(flow?.OpenedSlugs),
            facts);
    }

    /// <summary>Browser family and major version, from the User-Agent (good enough for support, not for analytics).</summary>
    public static string Browser(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        foreach (var (name, pattern) in new[] { ("Edge", "Edg/"), ("Opera", "OPR/"), ("Chrome", "Chrome/"), ("Firefox", "Firefox/"), ("Safari", "Version/") })
        {
            var at = userAgent.IndexOf(pattern, StringComparison.Ordinal);
            if (at >= 0)
            {
                var version = new string(userAgent[(at + pattern.Length)..].TakeWhile(char.IsAsciiDigit).ToArray());
                return version.Length > 0 ? $"{name} {version}" : name;
            }
        }

        return "unknown";
    }

    public static string OperatingSystem(string userAgent)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        return userAgent switch
        {
            _ when userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) => "iOS",
            _ when userAgent.Contains("Android", StringComparison.Ordinal) => "Android",
            _ when userAgent.Contains("Windows", StringComparison.Ordinal) => "Windows",
            _ when userAgent.Contains("Mac OS X", StringComparison.Ordinal) => "macOS",
            _ when userAgent.Contains("Linux", StringComparison.Ordinal) => "Linux",
            _ => "unknown",
        };
    }

    /// <summary>An IANA time-zone name reported by the browser (Intl API), accepted only if it looks like one.</summary>
    public static string? TimeZoneOrNull(string? value) =>
        value is { Length: > 0 and <= 64 } && TimeZonePattern().IsMatch(value) ? value : null;

    [GeneratedRegex(@"^[A-Za-z]+(/[A-Za-z0-9_+\-]+){0,2}$|^UTC$")]
    private static partial Regex TimeZonePattern();
}
