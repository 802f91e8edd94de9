using System.ComponentModel.DataAnnotations;
using System.Text;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Turns on two-step verification with an authenticator app: key and QR code, then a code to prove it works.</summary>
public sealed class EnableAuthenticatorModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AuditLog audit, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public const string Issuer = "Lumina Help Center";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Set when a member of staff was sent here at sign-in.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string SharedKey { get; private set; } = "";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "TwoFactor.CodeFormat")]
        public string Code { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return RedirectToPage("/Account/Manage/TwoFactor");
        }

        SharedKey = Format(await KeyAsync(user));
        return Page();
    }

    /// <summary>The QR code as a PNG (the CSP allows no data: images). Never cached: it carries the secret.</summary>
    public async Task<IActionResult> OnGetQrAsync()
    {
        var user = await CurrentUserAsync();
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return NotFound();
        }

        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={await KeyAsync(user)}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        SharedKey = Format(await KeyAsync(user));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Trim();
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", localizer["TwoFactor.WrongCode"]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodesModel.Count);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(AuditKinds.TwoFactorEnabled, user.Id, cancellationToken: cancellationToken);
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes!);
        return RedirectToPage("/Account/Manage/RecoveryCodes");
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");

    private async Task<string> KeyAsync(ApplicationUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return key!;
    }

    private static string Format(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
