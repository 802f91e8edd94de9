using HelpCenter.Accounts;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent.Accounts;

/// <summary>
/// A customer's account as operators see it: state, sign-ins, requests; freeze and unfreeze. Operators act on
/// customer accounts only; a staff account (its history, its freezing) is for admins, and nobody freezes themselves
/// (an admin who did could lock the site's last admin out).
/// </summary>
public sealed class ShowModel(UserManager<ApplicationUser> users, AccountActivity activity, AccountSecurity security, HelpCenterDbContext db) : PageModel
{
    [FromRoute]
    public string Id { get; set; } = "";

    public ApplicationUser Account { get; private set; } = default!;

    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];

    public IReadOnlyList<SupportRequest> Requests { get; private set; } = [];

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostFreezeAsync(bool removePasskeys, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (IsSelf)
        {
            return Forbid();
        }

        await security.FreezeAsync(Account, "frozen by staff", removePasskeys, cancellationToken);
        TempData["Status"] = "Agent.FrozenDone";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnfreezeAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (IsSelf)
        {
            return Forbid();
        }

        await security.UnfreezeAsync(Account, "unfrozen by staff", cancellationToken);
        TempData["Status"] = "Agent.UnfrozenDone";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>Null when the account may be shown to this member of staff; otherwise the answer to give.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(Id) is not { } account)
        {
            return NotFound();
        }

        if ((await users.GetRolesAsync(account)).Any(Roles.Staff.Contains) && !User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        Account = account;
        IsSelf = account.Id == users.GetUserId(User);
        SignIns = await activity.HistoryAsync(account.Id, cancellationToken);
        Requests = await db.Requests.AsNoTracking().Where(r => r.UserId == account.Id).OrderByDescending(r => r.Id).Take(20).ToListAsync(cancellationToken);
        return null;
    }
}
