using HelpCenter.Accounts;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Admin.Users;

/// <summary>Find accounts by email or name and see their roles.</summary>
public sealed class IndexModel(HelpCenterDbContext db) : PageModel
{
    public string? Q { get; private set; }

    public string? Role { get; private set; }

    public IReadOnlyList<Row> Users { get; private set; } = [];

    public int Total { get; private set; }

    public Pager Pager { get; private set; } = default!;

    public sealed record Row(string Id, string Email, string? DisplayName, bool TwoFactor, bool Frozen, IReadOnlyList<string> Roles);

    public async Task OnGetAsync(string? q, string? role, [FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        Q = q?.Trim();
        Role = Accounts.Roles.All.Contains(role) ? role : null;
        page = Pager.Clamp(page);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrEmpty(Q))
        {
            var normalized = Q.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(normalized) || (u.DisplayName != null && u.DisplayName.Contains(Q)));
        }

        if (Role is not null)
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Role)));
        }

        Total = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.NormalizedEmail).Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.TwoFactorEnabled, u.FrozenAt })
            .ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        Users = users.Select(u => new Row(u.Id, u.Email!, u.DisplayName, u.TwoFactorEnabled, u.FrozenAt is not null,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
        Pager = new Pager(page, Pager.Pages(Total), "/admin/users", new Dictionary<string, string?> { ["q"] = Q, ["role"] = Role });
    }
}
