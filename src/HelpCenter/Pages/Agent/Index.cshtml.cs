using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent;

/// <summary>The operators' request queue: open requests, high priority first, oldest first.</summary>
public sealed class IndexModel(HelpCenterDbContext db) : PageModel
{
    public IReadOnlyList<SupportRequest> Requests { get; private set; } = [];

    public RequestStatus? Status { get; private set; }

    public Pager Pager { get; private set; } = default!;

    public async Task OnGetAsync(RequestStatus? status, int page = 1, CancellationToken cancellationToken = default)
    {
        Status = status;
        page = Pager.Clamp(page);
        var query = db.Requests.AsNoTracking();
        query = status is { } wanted ? query.Where(r => r.Status == wanted) : query.Where(r => r.Status != RequestStatus.Solved);
        var total = await query.CountAsync(cancellationToken);
        Requests = await query.OrderByDescending(r => r.Priority == RequestPriority.High).ThenBy(r => r.Id)
            .Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize).ToListAsync(cancellationToken);
        Pager = new Pager(page, Pager.Pages(total), "/agent", new Dictionary<string, string?> { ["status"] = status?.ToString() });
    }
}
