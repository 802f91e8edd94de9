using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Changing the address takes effect only when the link mailed to the new address is opened.</summary>
[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class EmailModel(UserManager<ApplicationUser> users, AccountMail mail, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string CurrentEmail { get; private set; } = "";

    public async Task OnGetAsync() => CurrentEmail = (await CurrentUserAsync()).Email!;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        CurrentEmail = user.Email!;
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

        await mail.SendEmailChangeAsync(user, newEmail, cancellationToken);
        TempData["Status"] = "ChangeEmail.Sent";
        return RedirectToPage();
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
}
