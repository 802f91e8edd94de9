using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Localization;
using HelpCenter.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Account;

[EnableRateLimiting(AccountsExtensions.AccountMailPolicy)]
public sealed class RegisterModel(
    UserManager<ApplicationUser> users,
    AccountMail accountMail,
    MailComposer composer,
    MailSender sender,
    PublicUrl urls,
    AuditLog audit,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), EmailAddress(ErrorMessage = "Validation.Email"), StringLength(256)]
        public string Email { get; set; } = "";

        [StringLength(ApplicationUser.DisplayNameMaxLength, ErrorMessage = "Validation.TooLong")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required"), Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
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

        var email = Input.Email.Trim();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Don't reveal that the address is registered: the page says "check your mail" either way, and the
            // owner gets a mail saying someone tried, with a link to reset the password.
            await sender.SendAsync(composer.Compose(existing.Email!, existing.PreferredLanguage, "AlreadyRegistered", null, urls.Absolute("/account/forgot-password")), cancellationToken);
            return RedirectToPage("/Account/CheckEmail");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Input.DisplayName.Trim(),
            PreferredLanguage = Languages.Current,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        await users.AddToRoleAsync(user, Roles.Customer);
        await audit.WriteAsync(AuditKinds.Registered, user.Id, actorId: user.Id, cancellationToken: cancellationToken);
        await accountMail.SendConfirmationAsync(user, cancellationToken);
        return RedirectToPage("/Account/CheckEmail");
    }
}
