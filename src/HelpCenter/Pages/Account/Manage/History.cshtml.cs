using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Recent sign-ins to this account, and "sign out everywhere".</summary>
public sealed class HistoryModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AccountActivity activity, AccountSessions sessions,
    AccountSecurity security, AuditLog audit) : PageModel
{
    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        SignIns = await activity.HistoryAsync(users.GetUserId(User)!, cancellationToken);

    /// <summary>Every session of the account ends at its next request (sessions deleted; the new security stamp also
    /// makes remembered browsers pass the second step again). Passkeys survive that unless removed here too.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(bool removePasskeys, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (removePasskeys)
        {
            await security.RemovePasskeysAsync(user, cancellationToken);
        }

        await users.UpdateSecurityStampAsync(user);
        await sessions.RevokeAllAsync(user.Id, cancellationToken: cancellationToken);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKinds.SignedOutEverywhere, user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = "History.SignedOutEverywhere";
        return RedirectToPage("/Account/Login");
    }
}
