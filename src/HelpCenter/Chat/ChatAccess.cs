using System.Security.Claims;
using HelpCenter.Accounts;
using HelpCenter.Requests;
using Microsoft.AspNetCore.DataProtection;

namespace HelpCenter.Chat;

/// <summary>
/// Who may act on a conversation: its signed-in owner (the account is the grant: signed-in customers get no cookie),
/// or, for a chat started without an account, the browser holding its conversation token (a data-protected cookie set
/// when the chat started). Once a chat has ended, the token no longer opens the conversation: a cookie left on a
/// shared computer must not read it the next day; the account or the private link does. Operators: the Agent policy.
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

    /// <summary>May read and (while it runs) write the conversation.</summary>
    public bool IsCustomerOf(SupportRequest request, ClaimsPrincipal user, HttpContext? http)
    {
        ArgumentNullException.ThrowIfNull(request);
        return IsOwner(request, user) || (request.Status != RequestStatus.Solved && HoldsToken(request, http));
    }

    /// <summary>The signed-in customer whose chat it is.</summary>
    public static bool IsOwner(SupportRequest request, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        return request.Channel == RequestChannel.Chat && request.UserId is not null && request.UserId == user.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    /// <summary>The browser that started an account-less chat, ended or not (it may still answer the survey).</summary>
    public bool HoldsToken(SupportRequest request, HttpContext? http)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Channel != RequestChannel.Chat || request.UserId is not null
            || http?.Request.Cookies[Cookie] is not { Length: > 0 and < 1000 } token)
        {
            return false;
        }

        return ReadToken(http, token) == request.Reference;
    }

    /// <summary>The reference a token names (null when forged), unprotected once per request: a hub connection is one
    /// request, whose cookie cannot change, and asks on every message.</summary>
    private string? ReadToken(HttpContext http, string token)
    {
        // A hub connection's calls may run in parallel (ChatHub.ParallelCallsPerConnection); Items is a plain dictionary.
        lock (http.Items)
        {
            if (http.Items.TryGetValue(typeof(ChatAccess), out var cached) && cached is ReadTokenResult read && read.Token == token)
            {
                return read.Reference;
            }
        }

        string? reference;
        try
        {
            reference = _protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            reference = null;
        }

        lock (http.Items)
        {
            http.Items[typeof(ChatAccess)] = new ReadTokenResult(token, reference);
        }

        return reference;
    }

    private sealed record ReadTokenResult(string Token, string? Reference);
}
