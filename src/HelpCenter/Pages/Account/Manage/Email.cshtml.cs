using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Changing the address takes effect only when the link mailed to the new address is opened, and needs the
/// password (and a code, with two-step verification) first: the address is where reset links go, so a session left
/// open must not be enough to take the account over. The old address is told, with a link that undoes the change.</summary>
[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class EmailModel(UserManager<ApplicationUser> users, AccountMail mail, Reauthentication reauthentication, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    [BindProperty]
    public ReauthenticationInput Reauth { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public async Task OnGetAsync()
    {
        var user = await CurrentUserAsync();
        (CurrentEmail, TwoFactorEnabled) = (user.Email!, user.TwoFactorEnabled);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        (CurrentEmail, TwoFactorEnabled) = (user.Email!, user.TwoFactorEnabled);
        if (TwoFactorEnabled && string.IsNullOrWhiteSpace(Reauth.Code))
        {
            ModelState.AddModelError("Reauth.Code", localizer["Validation.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var newEmail = Input.Email.Trim();
        if (string.Equals(newEmail, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Email", localizer["ChangeEmail.Same"]);
            return Page();
        }

        var proof = await reauthentication.CheckAsync(user, Reauth.Password, Reauth.Code, cancellationToken);
        if (!proof.Succeeded)
        {
            return Reauthentication.Refuse(this, proof, localizer);
        }

        await mail.SendEmailChangeAsync(user, newEmail, cancellationToken);
        TempData["Status"] = "ChangeEmail.Sent";
        return RedirectToPage();
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
}
