using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Account;

[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class LoginModel(
    HelpCenterSignInManager signIn,
    UserManager<ApplicationUser> users,
    AccountActivity activity,
    SignInThrottle throttle,
    IOptions<AccountOptions> options,
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

        var email = Input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (await throttle.WaitAsync(user, email, cancellationToken) is { } wait)
        {
            return SignInThrottle.Delayed(this, wait, localizer["Login.Delayed", SignInThrottle.Seconds(wait)]);
        }

        if (user is null)
        {
            // The same work (one password hash), the same count and the same answer as a wrong password: don't reveal
            // whether the account exists, not even by how long the answer takes.
            signIn.VerifyDummyPassword(Input.Password);
            await throttle.FailedAsync(null, email, cancellationToken);
            return Failed();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await throttle.SucceededAsync(user, cancellationToken);
            await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
            return await users.GetTwoFactorEnabledAsync(user) || !await IsStaffAsync(user)
                ? LocalRedirect(SafeReturnUrl)
                : RedirectToPage("/Account/Manage/EnableAuthenticator", new { required = true });
        }

        if (result.RequiresTwoFactor)
        {
            await activity.RecordAsync(user, SignInOutcome.SecondFactorRequired, cancellationToken);
            // No return address: the second step decides where this account lands (editors on their console).
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null, rememberMe = Input.RememberMe });
        }

        // NotAllowed is decided before the password is checked: only say why to someone who knows the password.
        if (result.IsNotAllowed && await users.CheckPasswordAsync(user, Input.Password))
        {
            await activity.RecordAsync(user, user.IsFrozen ? SignInOutcome.Frozen : SignInOutcome.NotAllowed, cancellationToken);
            ModelState.AddModelError(string.Empty, localizer[user.IsFrozen ? "Login.Frozen" : "Login.NotConfirmed"]);
            return Page();
        }

        await throttle.FailedAsync(user, email, cancellationToken);
        await activity.RecordAsync(user, SignInOutcome.WrongPassword, cancellationToken);
        return Failed();
    }

    /// <summary>WebAuthn request options for a discoverable passkey (no user named yet).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>Signs in with the assertion the browser produced (filled in by passkeys.js).</summary>
    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credentialJson, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (string.IsNullOrEmpty(credentialJson) || credentialJson.Length > 20_000)
        {
            ModelState.AddModelError(string.Empty, localizer["Passkeys.SignInFailed"]);
            return Page();
        }

        var result = await signIn.PasskeySignInAsync(credentialJson);
        var user = await PasskeyOwnerAsync(credentialJson);
        if (result.RequiresTwoFactor && user is not null)
        {
            // A passkey that does not verify the user is one factor: the authenticator code is the second.
            await activity.RecordAsync(user, SignInOutcome.SecondFactorRequired, cancellationToken);
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = SafeReturnUrl });
        }

        if (!result.Succeeded || user is null)
        {
            if (user is not null)
            {
                await activity.RecordAsync(user, user.IsFrozen ? SignInOutcome.Frozen : SignInOutcome.NotAllowed, cancellationToken);
            }

            ModelState.AddModelError(string.Empty, localizer[user?.IsFrozen == true ? "Login.Frozen" : "Passkeys.SignInFailed"]);
            return Page();
        }

        await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : await HelpCenter.Editor.EditorLanding.AfterSignInAsync(users, user));
    }

    /// <summary>The account a credential belongs to, from the credential's id (<c>rawId</c>, base64url).</summary>
    private async Task<ApplicationUser?> PasskeyOwnerAsync(string credentialJson)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(credentialJson);
            return json.RootElement.TryGetProperty("rawId", out var rawId) && rawId.GetString() is { } id
                ? await users.FindByPasskeyIdAsync(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(id))
                : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account/manage";

    private async Task<bool> IsStaffAsync(ApplicationUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Any(Roles.Staff.Contains);
    }

    private PageResult Failed()
    {
        ModelState.AddModelError(string.Empty, localizer["Login.Failed"]);
        return Page();
    }
}
