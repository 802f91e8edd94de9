using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>
/// Passkeys (WebAuthn): phishing-resistant sign-in without a password. The browser creates the key with the options
/// from <see cref="OnPostCreationOptionsAsync"/>, which are given only after the password (and a code) again: a passkey
/// outlives every session and a password change, so an open session must not be enough to add one. The page then
/// posts the result, which Identity verifies against the state those options left; the owner is told by mail.
/// </summary>
public sealed class PasskeysModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, Reauthentication reauthentication, AccountMail mail,
    AuditLog audit, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public const int MaxPasskeys = 10;

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        public string? Name { get; set; }

        /// <summary>The JSON of the credential the browser created (filled in by passkeys.js).</summary>
        [StringLength(20_000)]
        public string? CredentialJson { get; set; }
    }

    [BindProperty]
    public ReauthenticationInput Reauth { get; set; } = new();

    public bool TwoFactorEnabled { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await CurrentUserAsync();
        TwoFactorEnabled = user.TwoFactorEnabled;
        Passkeys = [.. await users.GetPasskeysAsync(user)];
    }

    /// <summary>WebAuthn creation options, after re-authentication; the challenge is kept by Identity in a short-lived
    /// cookie, and without it no passkey can be added. A refusal is JSON with the message to show.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        var proof = await reauthentication.CheckAsync(user, Reauth.Password, Reauth.Code, cancellationToken);
        if (!proof.Succeeded)
        {
            var message = proof.RetryAfter is { } wait ? localizer["Login.Delayed", SignInThrottle.Seconds(wait)] : localizer["Security.ReauthFailed"];
            return new JsonResult(new { error = message.Value }) { StatusCode = proof.RetryAfter is null ? StatusCodes.Status403Forbidden : StatusCodes.Status429TooManyRequests };
        }

        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.Email!, DisplayName = user.DisplayName ?? user.Email! };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        TwoFactorEnabled = user.TwoFactorEnabled;
        Passkeys = [.. await users.GetPasskeysAsync(user)];

        // Re-authentication happened when the options were given; the code is single-use and cannot be checked twice.
        ModelState.Remove("Reauth.Password");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Input.CredentialJson) || Passkeys.Count >= MaxPasskeys)
        {
            ModelState.AddModelError(string.Empty, localizer[Passkeys.Count >= MaxPasskeys ? "Passkeys.TooMany" : "Passkeys.NeedsBrowser"]);
            return Page();
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(Input.CredentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony underway: the options (and so the re-authentication) were never given to this browser.
            ModelState.AddModelError(string.Empty, localizer["Passkeys.Failed"]);
            return Page();
        }

        if (!attestation.Succeeded || attestation.UserEntity.Id != user.Id)
        {
            ModelState.AddModelError(string.Empty, localizer["Passkeys.Failed"]);
            return Page();
        }

        attestation.Passkey.Name = string.IsNullOrWhiteSpace(Input.Name) ? localizer["Passkeys.DefaultName"] : Infrastructure.PlainText.SingleLine(Input.Name);
        var result = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer["Passkeys.Failed"]);
            return Page();
        }

        await audit.WriteAsync(AuditKinds.PasskeyAdded, user.Id, attestation.Passkey.Name, cancellationToken: cancellationToken);
        await mail.SendPasskeyAddedAsync(user, attestation.Passkey.Name!, cancellationToken);
        TempData["Status"] = "Passkeys.Added";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        byte[] credentialId;
        try
        {
            credentialId = WebEncoders.Base64UrlDecode(id ?? "");
        }
        catch (FormatException)
        {
            return BadRequest();
        }

        if ((await users.RemovePasskeyAsync(user, credentialId)).Succeeded)
        {
            await audit.WriteAsync(AuditKinds.PasskeyRemoved, user.Id, cancellationToken: cancellationToken);
            TempData["Status"] = "Passkeys.Removed";
        }

        return RedirectToPage();
    }

    public static string IdOf(UserPasskeyInfo passkey) => WebEncoders.Base64UrlEncode(passkey.CredentialId);

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
}
