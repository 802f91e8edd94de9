using System.Globalization;
using HelpCenter.Audit;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Admin;

/// <summary>The audit log, newest first, filtered by kind, account (email), days in the site's time zone and IP address.
/// The filters stay in the form and in the pager's links.</summary>
public sealed class AuditModel(HelpCenterDbContext db, SiteClock clock, AuditText text, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const int MaxAccounts = 200;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    /// <summary>An account id, from the links in the table.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Subject { get; set; }

    /// <summary>An email address or part of one: events about or by those accounts.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Account { get; set; }

    /// <summary>First day (yyyy-MM-dd, site time zone), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day (yyyy-MM-dd, site time zone), inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>An IP address or its beginning (203.0.113.).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Ip { get; set; }

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Emails { get; private set; } = new Dictionary<string, string>();

    public Pager Pager { get; private set; } = default!;

    public AuditText Text => text;

    /// <param name="page">Named from the query: Razor Pages' own "page" route value (the page's path) would win over it
    /// and fail to bind, leaving every link on page 1.</param>
    public async Task OnGetAsync([FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        Kind = AuditKinds.All.Contains(Kind) ? Kind : null;
        Subject = string.IsNullOrWhiteSpace(Subject) || Subject.Length > 450 ? null : Subject;
        Account = string.IsNullOrWhiteSpace(Account) ? null : Account.Trim();
        Ip = string.IsNullOrWhiteSpace(Ip) ? null : Ip.Trim();
        From = string.IsNullOrWhiteSpace(From) ? null : From.Trim();
        To = string.IsNullOrWhiteSpace(To) ? null : To.Trim();
        page = Pager.Clamp(page);
        Pager = new Pager(page, 1, "/admin/audit", Filters());

        var from = Day(From, nameof(From));
        var to = Day(To, nameof(To));
        if (from is not null && to is not null && from > to)
        {
            ModelState.AddModelError(nameof(To), localizer["Admin.AuditToBeforeFrom"]);
        }

        if (Account is { Length: > 256 })
        {
            ModelState.AddModelError(nameof(Account), localizer["Admin.AuditAccountTooLong"]);
        }

        if (Ip is not null && (Ip.Length > 64 || !Ip.All(c => char.IsAsciiHexDigit(c) || c is '.' or ':')))
        {
            ModelState.AddModelError(nameof(Ip), localizer["Admin.AuditBadIp"]);
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        IQueryable<AuditEvent> query = db.AuditEvents;
        if (from is not null || to is not null)
        {
            // SQLite keeps the times as UTC text (see InsightsSql): a day range is a text range; PostgreSQL compares them.
            var lower = HelpCenter.Insights.InsightsSql.Bound(db, from is { } f ? clock.FromLocal(f.ToDateTime(TimeOnly.MinValue)) : DateTimeOffset.MinValue);
            var upper = HelpCenter.Insights.InsightsSql.Bound(db, to is { } t ? clock.FromLocal(t.AddDays(1).ToDateTime(TimeOnly.MinValue)) : DateTimeOffset.MaxValue);
            query = db.AuditEvents.FromSql($"SELECT * FROM \"AuditEvents\" WHERE \"At\" >= {lower} AND \"At\" < {upper}");
        }

        query = query.AsNoTracking();
        if (Kind is not null)
        {
            query = query.Where(e => e.Kind == Kind);
        }

        if (Subject is not null)
        {
            query = query.Where(e => e.SubjectId == Subject);
        }

        if (Account is not null)
        {
            var normalized = Account.ToUpperInvariant();
            var ids = await db.Users.Where(u => u.NormalizedEmail != null && u.NormalizedEmail.Contains(normalized))
                .Select(u => u.Id).Take(MaxAccounts).ToListAsync(cancellationToken);
            query = query.Where(e => ids.Contains(e.SubjectId!) || ids.Contains(e.ActorId!));
        }

        if (Ip is not null)
        {
            query = query.Where(e => e.IpAddress != null && e.IpAddress.StartsWith(Ip));
        }

        var total = await query.CountAsync(cancellationToken);
        Events = await query.OrderByDescending(e => e.Id).Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize).ToListAsync(cancellationToken);
        var people = Events.SelectMany(e => new[] { e.SubjectId, e.ActorId }).OfType<string>().Distinct().ToList();
        Emails = await db.Users.Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        Pager = Pager with { PageCount = Pager.Pages(total) };
    }

    public string Who(string? id) => id is null ? "-" : Emails.TryGetValue(id, out var email) ? email : id;

    private Dictionary<string, string?> Filters() => new()
    {
        ["kind"] = Kind,
        ["subject"] = Subject,
        ["account"] = Account,
        ["from"] = From,
        ["to"] = To,
        ["ip"] = Ip,
    };

    private DateOnly? Day(string? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        ModelState.AddModelError(field, localizer["Admin.AuditBadDate"]);
        return null;
    }
}
