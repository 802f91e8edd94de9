using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent;

/// <summary>The operators' request queue: open requests, high priority first, oldest first, with filters and counts.</summary>
public sealed class IndexModel(HelpCenterDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SupportRequest> Requests { get; private set; } = [];

    public RequestStatus? Status { get; private set; }

    public RequestChannel? Channel { get; private set; }

    public string? Topic { get; private set; }

    public string? Language { get; private set; }

    public int? OlderThanHours { get; private set; }

    public IReadOnlyDictionary<RequestStatus, int> Counts { get; private set; } = new Dictionary<RequestStatus, int>();

    public Pager Pager { get; private set; } = default!;

    public async Task OnGetAsync(RequestStatus? status, RequestChannel? channel, string? topic, string? language, int? older, [FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Channel = channel is { } c && Enum.IsDefined(c) ? c : null;
        Topic = topic is { Length: > 0 and <= 64 } ? topic : null;
        Language = Localization.Languages.IsSupported(language) ? language : null;
        OlderThanHours = older is 4 or 24 ? older : null;
        page = Pager.Clamp(page);

        var query = db.Requests.AsNoTracking();
        query = Status is { } wanted ? query.Where(r => r.Status == wanted) : query.Where(r => r.Status != RequestStatus.Solved);
        if (Channel is { } ch)
        {
            query = query.Where(r => r.Channel == ch);
        }

        if (Topic is not null)
        {
            query = query.Where(r => r.Topic == Topic);
        }

        if (Language is not null)
        {
            query = query.Where(r => r.Language == Language);
        }

        if (OlderThanHours is { } hours)
        {
            // SQLite cannot compare DateTimeOffset values in SQL; the unsolved queue is small, so the age cut-off is
            // applied in memory to its ids and creation times.
            var cutoff = clock.GetUtcNow().AddHours(-hours);
            var candidates = await query.Select(r => new { r.Id, r.CreatedAt }).ToListAsync(cancellationToken);
            var ids = candidates.Where(r => r.CreatedAt <= cutoff).Select(r => r.Id).ToList();
            query = query.Where(r => ids.Contains(r.Id));
        }

        var total = await query.CountAsync(cancellationToken);
        Requests = await query.OrderByDescending(r => r.Priority == RequestPriority.High).ThenBy(r => r.Id)
            .Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize).ToListAsync(cancellationToken);
        await CountOpenByCustomerAsync(cancellationToken);
        Counts = await db.Requests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Pager = new Pager(page, Pager.Pages(total), "/agent", new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["channel"] = Channel?.ToString(),
            ["topic"] = Topic,
            ["language"] = Language,
            ["older"] = OlderThanHours?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Open requests per customer (by account, else by address) among those listed, when more than one.</summary>
    public IReadOnlyDictionary<string, int> OpenByCustomer { get; private set; } = new Dictionary<string, int>();

    public static string CustomerKey(SupportRequest request) =>
        request.UserId is { } id ? "user:" + id : "mail:" + request.Email.ToUpperInvariant();

    public int Count(RequestStatus status) => Counts.GetValueOrDefault(status);

    private async Task CountOpenByCustomerAsync(CancellationToken cancellationToken)
    {
        var userIds = Requests.Where(r => r.UserId is not null).Select(r => r.UserId!).Distinct().ToList();
        var emails = Requests.Where(r => r.UserId is null && r.Email != "-").Select(r => r.Email).Distinct().ToList();
        var open = await db.Requests.AsNoTracking().Where(r => r.Status != RequestStatus.Solved
                && ((r.UserId != null && userIds.Contains(r.UserId)) || (r.UserId == null && emails.Contains(r.Email))))
            .Select(r => new { r.UserId, r.Email }).ToListAsync(cancellationToken);
        OpenByCustomer = open.GroupBy(r => r.UserId is { } id ? "user:" + id : "mail:" + r.Email.ToUpperInvariant())
            .Where(g => g.Count() > 1).ToDictionary(g => g.Key, g => g.Count());
    }
}
