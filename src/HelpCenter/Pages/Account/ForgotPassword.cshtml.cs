using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Account;

[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class ForgotPasswordModel(UserManager<ApplicationUser> users, AccountMail mail, AuditLog audit) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Don't reveal whether the account exists or is confirmed: the same page follows in every case.
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { EmailConfirmed: true } user)
        {
            await mail.SendPasswordResetAsync(user, cancellationToken);
            await audit.WriteAsync(AuditKinds.PasswordResetRequested, user.Id, cancellationToken: cancellationToken);
        }

        return RedirectToPage("/Account/CheckEmail");
    }
}
