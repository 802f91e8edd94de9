using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Next = HelpCenter.Accounts.PasswordSignIn.Next;

namespace HelpCenter.Pages.Account;

/// <summary>Sign-in with a password or a passkey; the decisions are in <see cref="PasswordSignIn"/>.</summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class LoginModel(PasswordSignIn signIn, UserManager<ApplicationUser> users, IOptions<AccountOptions> options,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SingleSignOn => options.Value.OpenIdConnect.Enabled;

    public string SingleSignOnName => options.Value.OpenIdConnect.DisplayName;

    [TempData]
    public string? Message { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.WithPasswordAsync(Input.Email, Input.Password, Input.RememberMe, cancellationToken);
        return outcome.Next switch
        {
            Next.SignedIn => LocalRedirect(SafeReturnUrl),
            Next.SetUpAuthenticator => RedirectToPage("/Account/Manage/EnableAuthenticator", new { required = true }),
            // No return address unless one was asked for: the second step decides where this account lands (editors on their console).
            Next.SecondFactor => RedirectToPage("/Account/LoginWith2fa", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, rememberMe = Input.RememberMe }),
            _ => Refused(outcome),
        };
    }

    /// <summary>WebAuthn request options for a discoverable passkey (no user named yet).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() => Content(await signIn.PasskeyOptionsAsync(), "application/json");

    /// <summary>Signs in with the assertion the browser produced (filled in by passkeys.js).</summary>
    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credentialJson, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var outcome = await signIn.WithPasskeyAsync(credentialJson, cancellationToken);
        return outcome switch
        {
            { Next: Next.SecondFactor } => RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl }),
            { Next: Next.SignedIn, User: { } user } => LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await HelpCenter.Editor.EditorLanding.AfterSignInAsync(users, user)),
            _ => Refused(outcome),
        };
    }

    // Url.Page rather than a literal: the default landing follows the page's route.
    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : Url.Page("/Account/Manage/Index")!;

    private IActionResult Refused(PasswordSignIn.Outcome outcome)
    {
        if (outcome.Next == Next.Delayed)
        {
            return SignInThrottle.Delayed(this, outcome.Wait, localizer["Login.Delayed", SignInThrottle.Seconds(outcome.Wait)]);
        }

        ModelState.AddModelError(string.Empty, localizer[outcome.Next switch
        {
            Next.Frozen => "Login.Frozen",
            Next.NotConfirmed => "Login.NotConfirmed",
            Next.PasskeyFailed => "Passkeys.SignInFailed",
            _ => "Login.Failed",
        }]);
        return Page();
    }
}
