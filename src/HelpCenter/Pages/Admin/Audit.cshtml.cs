using HelpCenter.Audit;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Admin;

/// <summary>The audit log, newest first, filtered by kind and account.</summary>
public sealed class AuditModel(HelpCenterDbContext db) : PageModel
{
    public string? Kind { get; private set; }

    public string? Subject { get; private set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Emails { get; private set; } = new Dictionary<string, string>();

    public Pager Pager { get; private set; } = default!;

    public async Task OnGetAsync(string? kind, string? subject, int page = 1, CancellationToken cancellationToken = default)
    {
        Kind = AuditKinds.All.Contains(kind) ? kind : null;
        Subject = string.IsNullOrWhiteSpace(subject) || subject.Length > 450 ? null : subject;
        page = Pager.Clamp(page);
        var query = db.AuditEvents.AsNoTracking();
        if (Kind is not null)
        {
            query = query.Where(e => e.Kind == Kind);
        }

        if (Subject is not null)
        {
            query = query.Where(e => e.SubjectId == Subject);
        }

        var total = await query.CountAsync(cancellationToken);
        Events = await query.OrderByDescending(e => e.Id).Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize).ToListAsync(cancellationToken);
        var ids = Events.SelectMany(e => new[] { e.SubjectId, e.ActorId }).OfType<string>().Distinct().ToList();
        Emails = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        Pager = new Pager(page, Pager.Pages(total), "/admin/audit", new Dictionary<string, string?> { ["kind"] = Kind, ["subject"] = Subject });
    }

    public string Who(string? id) => id is null ? "-" : Emails.TryGetValue(id, out var email) ? email : id;
}
