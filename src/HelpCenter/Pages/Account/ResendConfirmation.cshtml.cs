using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Account;

[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class ResendConfirmationModel(UserManager<ApplicationUser> users, AccountMail mail) : PageModel
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

        // The same answer whether or not the address has an account waiting for confirmation.
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { EmailConfirmed: false } user)
        {
            await mail.SendConfirmationAsync(user, cancellationToken);
        }

        return RedirectToPage("/Account/CheckEmail");
    }
}

/// <summary>A form with one email field (resend confirmation, forgot password).</summary>
public sealed class EmailInput
{
    [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
    public string Email { get; set; } = "";
}
