using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Requests;

/// <summary>"My requests": the signed-in customer's requests, newest first. Only their own.</summary>
[Authorize]
public sealed class IndexModel(HelpCenterDbContext db, UserManager<Accounts.ApplicationUser> users) : PageModel
{
    public IReadOnlyList<SupportRequest> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        Items = await db.Requests.AsNoTracking().Where(r => r.UserId == userId).OrderByDescending(r => r.Id).Take(100).ToListAsync(cancellationToken);
    }
}
