using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Admin.Users;

/// <summary>One account: its roles (changed here), its state and its recent sign-ins.</summary>
public sealed class EditModel(UserManager<ApplicationUser> users, AccountActivity activity, AuditLog audit, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string Id { get; set; } = "";

    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    public ApplicationUser Account { get; private set; } = default!;

    public IReadOnlyList<string> CurrentRoles { get; private set; } = [];

    public IReadOnlyList<SignInRecord> SignIns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var wanted = SelectedRoles.Where(Roles.All.Contains).Append(Roles.Customer).Distinct().ToList();
        if (users.GetUserId(User) == Account.Id && !wanted.Contains(Roles.Admin))
        {
            // An admin removing their own role could leave the site without any admin.
            ModelState.AddModelError(string.Empty, localizer["Admin.CannotDemoteSelf"]);
            return Page();
        }

        foreach (var role in wanted.Except(CurrentRoles))
        {
            await users.AddToRoleAsync(Account, role);
            await audit.WriteAsync(AuditKinds.RoleGranted, Account.Id, role, cancellationToken: cancellationToken);
        }

        foreach (var role in CurrentRoles.Except(wanted))
        {
            await users.RemoveFromRoleAsync(Account, role);
            await audit.WriteAsync(AuditKinds.RoleRevoked, Account.Id, role, cancellationToken: cancellationToken);
        }

        // The roles are claims in the session cookie: a new stamp makes every session pick them up within a minute.
        await users.UpdateSecurityStampAsync(Account);
        TempData["Status"] = "Admin.RolesSaved";
        return RedirectToPage(new { id = Account.Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(Id) is not { } account)
        {
            return false;
        }

        Account = account;
        CurrentRoles = (await users.GetRolesAsync(account)).ToList();
        SignIns = (await activity.HistoryAsync(account.Id, cancellationToken)).Take(10).ToList();
        return true;
    }
}
