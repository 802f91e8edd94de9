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
        [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
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

        // The password rules first, whatever the address: a "too short" shown only for new addresses would tell
        // anyone which addresses are taken.
        var candidate = new ApplicationUser { UserName = email, Email = email };
        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, candidate, Input.Password)).Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // Don't reveal that the address is registered: the same page ("check your mail") and the same next step by
            // mail; the owner's mail says someone tried, with a link to reset the password. The password is hashed as
            // a new account's would be, so the answer takes as long.
            users.PasswordHasher.HashPassword(candidate, Input.Password);
            await sender.SendAsync(composer.Compose(existing.Email!, existing.PreferredLanguage, "AlreadyRegistered", null, urls.Absolute("/account/forgot-password")), cancellationToken);
            return RedirectToPage("/Account/CheckEmail");
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Infrastructure.PlainText.SingleLine(Input.DisplayName),
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
