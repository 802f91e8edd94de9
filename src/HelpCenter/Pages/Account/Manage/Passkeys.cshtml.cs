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
/// from <see cref="OnPostCreationOptionsAsync"/>; the page then posts the result, which Identity verifies.
/// </summary>
public sealed class PasskeysModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AuditLog audit, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
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

    public async Task OnGetAsync() => Passkeys = [.. await users.GetPasskeysAsync(await CurrentUserAsync())];

    /// <summary>WebAuthn creation options; the challenge is kept by Identity in a short-lived cookie.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        var user = await CurrentUserAsync();
        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.Email!, DisplayName = user.DisplayName ?? user.Email! };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        Passkeys = [.. await users.GetPasskeysAsync(user)];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (string.IsNullOrEmpty(Input.CredentialJson) || Passkeys.Count >= MaxPasskeys)
        {
            ModelState.AddModelError(string.Empty, localizer[Passkeys.Count >= MaxPasskeys ? "Passkeys.TooMany" : "Passkeys.NeedsBrowser"]);
            return Page();
        }

        var attestation = await signIn.PerformPasskeyAttestationAsync(Input.CredentialJson);
        if (!attestation.Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer["Passkeys.Failed"]);
            return Page();
        }

        attestation.Passkey.Name = string.IsNullOrWhiteSpace(Input.Name) ? localizer["Passkeys.DefaultName"] : Input.Name.Trim();
        var result = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer["Passkeys.Failed"]);
            return Page();
        }

        await audit.WriteAsync(AuditKinds.PasskeyAdded, user.Id, attestation.Passkey.Name, cancellationToken: cancellationToken);
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
