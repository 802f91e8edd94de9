using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account;

/// <summary>Second step of signing in with a single-use recovery code, for a customer who lost the phone.</summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class LoginWithRecoveryCodeModel(HelpCenterSignInManager signIn, AccountActivity activity, SignInThrottle throttle, AuditLog audit,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(64)]
        public string RecoveryCode { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/Login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await throttle.WaitAsync(user, user.Email!, cancellationToken) is { } wait)
        {
            return SignInThrottle.Delayed(this, wait, localizer["Login.Delayed", SignInThrottle.Seconds(wait)]);
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(user, cancellationToken);
            await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
            await audit.WriteAsync(AuditKinds.RecoveryCodeUsed, user.Id, actorId: user.Id, cancellationToken: cancellationToken);
            return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl!) : RedirectToPage("/Account/Manage/TwoFactor");
        }

        // Wrong recovery codes count like wrong authenticator codes (Identity does not count them at all).
        await throttle.FailedAsync(user, user.Email!, cancellationToken);
        await activity.RecordAsync(user, SignInOutcome.WrongSecondFactor, cancellationToken);
        ModelState.AddModelError(string.Empty, localizer["TwoFactor.WrongRecoveryCode"]);
        return Page();
    }
}
