using HelpCenter.Accounts;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent.Accounts;

/// <summary>A customer's account as operators see it: state, sign-ins, requests; freeze and unfreeze.</summary>
public sealed class ShowModel(UserManager<ApplicationUser> users, AccountActivity activity, AccountSecurity security, HelpCenterDbContext db) : PageModel
{
    [FromRoute]
    public string Id { get; set; } = "";

    public ApplicationUser Account { get; private set; } = default!;

    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];

    public IReadOnlyList<SupportRequest> Requests { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostFreezeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await security.FreezeAsync(Account, "frozen by staff", cancellationToken);
        TempData["Status"] = "Agent.FrozenDone";
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostUnfreezeAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await security.UnfreezeAsync(Account, "unfrozen by staff", cancellationToken);
        TempData["Status"] = "Agent.UnfrozenDone";
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(Id) is not { } account)
        {
            return false;
        }

        Account = account;
        SignIns = await activity.HistoryAsync(account.Id, cancellationToken);
        Requests = await db.Requests.AsNoTracking().Where(r => r.UserId == account.Id).OrderByDescending(r => r.Id).Take(20).ToListAsync(cancellationToken);
        return true;
    }
}
