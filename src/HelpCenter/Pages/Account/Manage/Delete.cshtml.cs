using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Deletes the help-center account (not the exchange account) after the password is typed again.</summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class DeleteModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AuditLog audit, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty]
    public TwoFactorModel.PasswordInput Input { get; set; } = new();

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
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", localizer["Account.WrongPassword"]);
            return Page();
        }

        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Deleting an account failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }

        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKinds.Deleted, user.Id, actorId: user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = "Delete.Done";
        return RedirectToPage("/Account/Login");
    }
}
