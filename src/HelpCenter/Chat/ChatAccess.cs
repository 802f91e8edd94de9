using System.Security.Claims;
using HelpCenter.Accounts;
using HelpCenter.Requests;
using Microsoft.AspNetCore.DataProtection;

namespace HelpCenter.Chat;

/// <summary>
/// Who may act on a conversation: its signed-in owner, or the browser holding its conversation token (a
/// data-protected cookie set when the chat started, for anonymous customers); operators through the Agent policy.
/// </summary>
public sealed class ChatAccess(IDataProtectionProvider protection)
{
    public const string Cookie = "hc_chat";
    private readonly IDataProtector _protector = protection.CreateProtector("HelpCenter.ChatToken.v1");

    public void Grant(HttpResponse response, string reference, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(Cookie, _protector.Protect(reference), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Secure = secure,
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromDays(7),
        });
    }

    public bool IsCustomerOf(SupportRequest request, ClaimsPrincipal user, HttpContext? http)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (request.Channel != RequestChannel.Chat)
        {
            return false;
        }

        if (request.UserId is not null && request.UserId == user.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return true;
        }

        if (http?.Request.Cookies[Cookie] is not { Length: > 0 and < 1000 } token)
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(token) == request.Reference;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
