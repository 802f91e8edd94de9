using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Recent sign-ins to this account, and "sign out everywhere".</summary>
public sealed class HistoryModel(UserManager<ApplicationUser> users, HelpCenterSignInManager signIn, AccountActivity activity, AuditLog audit) : PageModel
{
    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        SignIns = await activity.HistoryAsync(users.GetUserId(User)!, cancellationToken);

    /// <summary>A new security stamp ends every session of the account within the session check interval,
    /// this one at once; remembered browsers must pass the second step again.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        await users.UpdateSecurityStampAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKinds.SignedOutEverywhere, user.Id, cancellationToken: cancellationToken);
        TempData["Message"] = "History.SignedOutEverywhere";
        return RedirectToPage("/Account/Login");
    }
}
