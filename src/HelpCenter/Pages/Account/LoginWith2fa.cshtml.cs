using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account;

/// <summary>Second step of signing in: a code from the authenticator app.</summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class LoginWith2faModel(HelpCenterSignInManager signIn, AccountActivity activity, SignInThrottle throttle, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "TwoFactor.CodeFormat")]
        public string Code { get; set; } = "";

        public bool RememberBrowser { get; set; }
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

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberBrowser);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(user, cancellationToken);
            await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await HelpCenter.Editor.EditorLanding.AfterSignInAsync(signIn.UserManager, user));
        }

        await throttle.FailedAsync(user, user.Email!, cancellationToken);
        await activity.RecordAsync(user, SignInOutcome.WrongSecondFactor, cancellationToken);
        ModelState.AddModelError(string.Empty, localizer["TwoFactor.WrongCode"]);
        return Page();
    }
}
