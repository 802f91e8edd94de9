using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Two-step verification: status, new recovery codes, forgetting this browser, turning it off.</summary>
public sealed class TwoFactorModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, Reauthentication reauthentication, AuditLog audit,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool BrowserRemembered { get; private set; }

    /// <summary>Staff may not turn it off: their pages require it.</summary>
    public bool IsStaff { get; private set; }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string Password { get; set; } = "";
    }

    /// <summary>The password and a code again before new recovery codes: each one is a way into the account.</summary>
    public ReauthenticationInput Recovery { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostRecoveryCodesAsync([Bind(Prefix = nameof(Recovery))] ReauthenticationInput recovery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recovery);
        var user = await LoadAsync();
        if (!Enabled)
        {
            return RedirectToPage();
        }

        Recovery = recovery;
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(nameof(Recovery) + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (string.IsNullOrWhiteSpace(recovery.Code))
        {
            ModelState.AddModelError("Recovery.Code", localizer["Validation.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var proof = await reauthentication.CheckAsync(user, recovery.Password, recovery.Code, cancellationToken);
        if (!proof.Succeeded)
        {
            return Reauthentication.Refuse(this, proof, localizer, "Recovery.Password");
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodesModel.Count);
        await audit.WriteAsync(AuditKinds.RecoveryCodesGenerated, user.Id, cancellationToken: cancellationToken);
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes!);
        return RedirectToPage("/Account/Manage/RecoveryCodes");
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        TempData["Status"] = "TwoFactor.BrowserForgotten";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var user = await LoadAsync();
        if (IsStaff || !Enabled)
        {
            return RedirectToPage();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", localizer["Account.WrongPassword"]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(AuditKinds.TwoFactorDisabled, user.Id, cancellationToken: cancellationToken);
        TempData["Status"] = "TwoFactor.Disabled";
        return RedirectToPage();
    }

    private async Task<ApplicationUser> LoadAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        BrowserRemembered = await signIn.IsTwoFactorClientRememberedAsync(user);
        IsStaff = (await users.GetRolesAsync(user)).Any(Roles.Staff.Contains);
        return user;
    }
}
