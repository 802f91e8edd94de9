using System.Security.Cryptography;

namespace HelpCenter.Infrastructure;

/// <summary>
/// An anonymous, random visitor id kept in a cookie: enough to allow one vote per visitor and to group a
/// session's searches, without storing anything personal.
/// </summary>
public static class VisitorCookie
{
    public const string Name = "hc_visitor";

    public static string GetOrCreate(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies.TryGetValue(Name, out var existing) && IsWellFormed(existing))
        {
            return existing;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return id;
    }

    /// <summary>The visitor id the browser sent, or null: never sets a cookie (a request without one is a first visit,
    /// or a script that keeps no cookies).</summary>
    public static string? Existing(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(Name, out var existing) && IsWellFormed(existing) ? existing : null;
    }

    private static bool IsWellFormed(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
