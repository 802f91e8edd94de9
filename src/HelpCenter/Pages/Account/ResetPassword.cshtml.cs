using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account;

/// <summary>The link in the password-reset mail. A new password ends every other session (new security stamp).</summary>
[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, SignInThrottle throttle, AccountSessions sessions, AuditLog audit,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet(string? email, string? code)
    {
        Input.Email = email ?? "";
        Input.Code = code ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        var token = AccountMail.Decode(Input.Code);
        if (user is null || token is null)
        {
            ModelState.AddModelError(string.Empty, localizer["Reset.InvalidLink"]);
            return Page();
        }

        var result = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : "Input.Password", error.Description);
            }

            return Page();
        }

        // Whoever guessed slowed strangers only; the owner who proved the mailbox starts afresh, and every session of
        // the account (an intruder's too) ends now.
        await throttle.ClearAsync(user, cancellationToken);
        await sessions.RevokeAllAsync(user.Id, cancellationToken: cancellationToken);
        await audit.WriteAsync(AuditKinds.PasswordReset, user.Id, actorId: user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = "Reset.Done";
        return RedirectToPage("/Account/Login");
    }
}
