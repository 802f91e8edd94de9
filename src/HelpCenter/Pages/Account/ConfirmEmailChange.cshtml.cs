using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account;

/// <summary>The link mailed to a new address. The change renews the security stamp, ending other sessions.</summary>
public sealed class ConfirmEmailChangeModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AccountMail mail, AuditLog audit) : PageModel
{
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? email, string? code, CancellationToken cancellationToken)
    {
        var token = AccountMail.Decode(code);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || token is null || string.IsNullOrWhiteSpace(email))
        {
            return Page();
        }

        var old = user.Email;
        Changed = (await users.ChangeEmailAsync(user, email, token)).Succeeded;
        if (Changed)
        {
            // The email is also the user name people sign in with.
            await users.SetUserNameAsync(user, email);
            await audit.WriteAsync(AuditKinds.EmailChanged, user.Id, $"{Mail.MailAddresses.Mask(old)} -> {Mail.MailAddresses.Mask(email)}", actorId: user.Id, cancellationToken: cancellationToken);
            if (old is not null)
            {
                await mail.SendEmailChangedAsync(user, old, email, cancellationToken);
            }

            if (signIn.IsSignedIn(User) && users.GetUserId(User) == user.Id)
            {
                await signIn.RefreshSignInAsync(user);
            }
        }

        return Page();
    }
}
