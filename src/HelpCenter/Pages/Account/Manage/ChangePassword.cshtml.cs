using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>A new password renews the security stamp and ends every other session; this one is refreshed.</summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class ChangePasswordModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AccountSessions sessions, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
        public string ConfirmPassword { get; set; } = "";
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

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            }

            return Page();
        }

        // Every other session ends now, not at its next security-stamp check: one may be the reason for the change.
        var current = User;
        await signIn.RefreshSignInAsync(user);
        await sessions.RevokeAllAsync(user.Id, except: current, cancellationToken);
        await audit.WriteAsync(AuditKinds.PasswordChanged, user.Id, cancellationToken: cancellationToken);
        TempData["Status"] = "ChangePassword.Done";
        return RedirectToPage();
    }
}
