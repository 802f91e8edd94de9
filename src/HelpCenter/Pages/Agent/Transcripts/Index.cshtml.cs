using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent.Transcripts;

/// <summary>Past chats, found by reference number, customer (email or name) or anything said in them.</summary>
public sealed class IndexModel(HelpCenterDbContext db) : PageModel
{
    public const int MaxQueryLength = 200;

    public string Query { get; private set; } = "";

    public string? Language { get; private set; }

    public IReadOnlyList<Result> Results { get; private set; } = [];

    public int Total { get; private set; }

    public Pager Pager { get; private set; } = default!;

    /// <summary>A chat found, with the first message that matched (null when the reference or customer matched).</summary>
    public sealed record Result(SupportRequest Chat, RequestMessage? Match);

    public async Task OnGetAsync(string? q, string? language, [FromQuery(Name = "page")] int page = 1, CancellationToken cancellationToken = default)
    {
        Query = (q ?? "").Trim();
        Query = Query.Length > MaxQueryLength ? Query[..MaxQueryLength] : Query;
        Language = Localization.Languages.IsSupported(language) ? language : null;
        page = Pager.Clamp(page);
        var chats = db.Requests.AsNoTracking().Where(r => r.Channel == RequestChannel.Chat);
        if (Language is not null)
        {
            chats = chats.Where(r => r.Language == Language);
        }

        if (Query.Length > 0)
        {
            // LIKE with the user's % and _ escaped: they are searched for, not wildcards. Both sides lower-cased: SQLite's
            // LIKE ignores ASCII case, PostgreSQL's does not; lower() folds ASCII on both (and only ASCII on SQLite, so only
            // ASCII is folded here).
            var lowered = string.Concat(Query.Select(c => char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : c));
            var pattern = "%" + lowered.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
                .Replace("_", @"\_", StringComparison.Ordinal) + "%";
            var reference = Query.ToUpperInvariant();
            chats = chats.Where(r => r.Reference == reference
                || EF.Functions.Like(r.Email.ToLower(), pattern, @"\")
                || (r.Name != null && EF.Functions.Like(r.Name.ToLower(), pattern, @"\"))
                || r.Messages.Any(m => m.Kind != MessageKind.System && EF.Functions.Like(m.Body.ToLower(), pattern, @"\")));
        }

        Total = await chats.CountAsync(cancellationToken);
        var found = await chats.OrderByDescending(r => r.Id).Skip((page - 1) * Pager.PageSize).Take(Pager.PageSize)
            .Include(r => r.Messages.OrderBy(m => m.Sequence)).ToListAsync(cancellationToken);
        Results = found.Select(r => new Result(r, Query.Length == 0 ? null
            : r.Messages.FirstOrDefault(m => m.Kind != MessageKind.System && m.Body.Contains(Query, StringComparison.OrdinalIgnoreCase)))).ToList();
        Pager = new Pager(page, Pager.Pages(Total), "/agent/transcripts", new Dictionary<string, string?> { ["q"] = Query, ["language"] = Language });
    }

    /// <summary>Up to 60 characters around the match, for the result list (encoded by Razor; the match is marked there).</summary>
    public static (string Before, string Match, string After) Snippet(string body, string query)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(query);
        var at = body.IndexOf(query, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return (body.Length > 60 ? body[..60] + "…" : body, "", "");
        }

        var start = Math.Max(0, at - 30);
        var end = Math.Min(body.Length, at + query.Length + 30);
        return ((start > 0 ? "…" : "") + body[start..at], body.Substring(at, query.Length), body[(at + query.Length)..end] + (end < body.Length ? "…" : ""));
    }
}
