using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Account;

/// <summary>
/// The link mailed to the old address after an address change: "this wasn't me". Opening it only explains (mail
/// scanners open links); the button puts the old address back, freezes the account (every session ends) and, unless
/// unticked, removes its passkeys. Works signed out: whoever changed the address may hold every session.
/// </summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class EmailUndoModel(UserManager<ApplicationUser> users, AccountMail mail, AccountSecurity security, AuditLog audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public bool RemovePasskeys { get; set; } = true;

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    /// <summary>The old address is someone else's by now: the account is frozen, the address stays as it is.</summary>
    public bool AddressTaken { get; private set; }

    public async Task OnGetAsync() => Valid = await FindAsync() is not null;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync() is not { } found)
        {
            return Page();
        }

        Valid = true;
        var (user, oldEmail) = found;
        if (!string.Equals(user.Email, oldEmail, StringComparison.OrdinalIgnoreCase))
        {
            var changed = await users.SetEmailAsync(user, oldEmail);
            AddressTaken = !changed.Succeeded || !(await users.SetUserNameAsync(user, oldEmail)).Succeeded;
            if (!AddressTaken)
            {
                user.EmailConfirmed = true;
                await users.UpdateAsync(user);
                await audit.WriteAsync(AuditKinds.EmailChanged, user.Id, $"undone from the old address: -> {Mail.MailAddresses.Mask(oldEmail)}", cancellationToken: cancellationToken);
            }
        }

        await security.FreezeAsync(user, "address change undone from the old address", RemovePasskeys, cancellationToken);
        Done = true;
        return Page();
    }

    private async Task<(ApplicationUser User, string OldEmail)?> FindAsync() =>
        mail.ReadUndoToken(Token) is { } token && await users.FindByIdAsync(token.UserId) is { } user ? (user, token.OldEmail) : null;
}
