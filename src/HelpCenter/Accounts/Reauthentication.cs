using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Accounts;

/// <summary>
/// Proving again who you are before a change that an intruder holding an open session must not make (a new address,
/// a passkey, new recovery codes, a freeze): the password, and a fresh authenticator code when two-step verification
/// is on. Failures count like failed sign-ins, so a session is no place to guess the password from either.
/// </summary>
public sealed class Reauthentication(UserManager<ApplicationUser> users, SignInThrottle throttle)
{
    public async Task<ReauthenticationResult> CheckAsync(ApplicationUser user, string? password, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await throttle.WaitAsync(user, user.Email!, cancellationToken) is { } wait)
        {
            return new ReauthenticationResult(false, wait);
        }

        // The code is checked only after the password, so that a wrong password does not use up a good code.
        var confirmed = !string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password)
            && (!user.TwoFactorEnabled || (code is not null && await users.VerifyTwoFactorTokenAsync(
                user, users.Options.Tokens.AuthenticatorTokenProvider, code.Replace(" ", "", StringComparison.Ordinal).Trim())));
        if (!confirmed)
        {
            await throttle.FailedAsync(user, user.Email!, cancellationToken);
        }

        return new ReauthenticationResult(confirmed, null);
    }

    /// <summary>The form again, saying why: how long to wait (429), or a wrong password or code (under <paramref name="key"/>).</summary>
    public static PageResult Refuse(PageModel page, ReauthenticationResult proof, IStringLocalizer localizer, string key = "")
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(localizer);
        if (proof.RetryAfter is { } wait)
        {
            return SignInThrottle.Delayed(page, wait, localizer["Login.Delayed", SignInThrottle.Seconds(wait)]);
        }

        page.ModelState.AddModelError(key, localizer["Security.ReauthFailed"]);
        return page.Page();
    }
}

/// <summary><see cref="RetryAfter"/> is set when the account must wait before the password is even checked.</summary>
public sealed record ReauthenticationResult(bool Succeeded, TimeSpan? RetryAfter);
