using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account;

/// <summary>The link in the confirmation mail.</summary>
public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, AuditLog audit) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? userId, string? code, CancellationToken cancellationToken)
    {
        var token = AccountMail.Decode(code);
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is not null && token is not null)
        {
            Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
            if (Confirmed)
            {
                await audit.WriteAsync(AuditKinds.EmailConfirmed, user.Id, actorId: user.Id, cancellationToken: cancellationToken);
            }
        }

        return Page();
    }
}
