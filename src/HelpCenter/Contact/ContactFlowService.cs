using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Contact;

/// <summary>
/// The contact flow's state lives in the database (several instances can serve one customer); between steps only
/// a data-protected token naming the flow travels, so the customer cannot edit it or open someone else's flow.
/// </summary>
public sealed class ContactFlowService(HelpCenterDbContext db, IDataProtectionProvider protection, SearchService search,
    IOptions<DeflectionOptions> options, AnalyticsBudget budget, TimeProvider clock)
{
    private const string PendingPrefix = "pending\n";
    private readonly IDataProtector _protector = protection.CreateProtector("HelpCenter.ContactFlow.v1");

    public string Protect(ContactFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _protector.Protect(flow.Id.ToString("N"));
    }

    /// <summary>A flow for a page view that carries nothing worth keeping yet (no visitor cookie, no question): not
    /// stored; its token (<see cref="ProtectPending"/>) stores it when the visitor first does something with it.</summary>
    public ContactFlow Pending(string language, string? startPage) =>
        new() { Id = Guid.NewGuid(), VisitorId = "", Language = language, StartPage = startPage, StartedAt = clock.GetUtcNow() };

    public string ProtectPending(ContactFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return _protector.Protect($"{PendingPrefix}{flow.Id:N}\n{flow.Language}\n{flow.StartPage}");
    }

    /// <summary>The flow named by a token, if the token is genuine and the flow belongs to this visitor. A pending
    /// flow's token stores the flow now, for the visitor whose cookie the request carries.</summary>
    public async Task<ContactFlow?> FindAsync(string? token, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        string payload;
        Guid id;
        try
        {
            payload = _protector.Unprotect(token);
            id = Guid.ParseExact(payload.StartsWith(PendingPrefix, StringComparison.Ordinal) ? payload.Split('\n')[1] : payload, "N");
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }

        if (payload.StartsWith(PendingPrefix, StringComparison.Ordinal))
        {
            return await StorePendingAsync(id, payload.Split('\n'), context, cancellationToken);
        }

        var visitor = VisitorCookie.GetOrCreate(context);
        return await db.ContactFlows.FirstOrDefaultAsync(f => f.Id == id && f.VisitorId == visitor, cancellationToken);
    }

    private async Task<ContactFlow?> StorePendingAsync(Guid id, string[] parts, HttpContext context, CancellationToken cancellationToken)
    {
        if (VisitorCookie.Existing(context) is not { } visitor)
        {
            return null;
        }

        if (await db.ContactFlows.FirstOrDefaultAsync(f => f.Id == id && f.VisitorId == visitor, cancellationToken) is { } stored)
        {
            return stored;
        }

        if (parts is not [_, _, var language, var startPage] || !await budget.TryTakeAsync(context, hasQuestion: false))
        {
            return null;
        }

        var flow = new ContactFlow
        {
            Id = id,
            VisitorId = visitor,
            UserId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            Language = language,
            StartPage = startPage.Length == 0 ? null : startPage,
            StartedAt = clock.GetUtcNow(),
        };
        db.ContactFlows.Add(flow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return flow;
        }
        catch (DbUpdateException)
        {
            // Stored meanwhile by a parallel request of this visitor (or the token was replayed by another visitor).
            db.Entry(flow).State = EntityState.Detached;
            return await db.ContactFlows.FirstOrDefaultAsync(f => f.Id == id && f.VisitorId == visitor, cancellationToken);
        }
    }

    public async Task<ContactFlow> StartAsync(HttpContext context, string language, string? startPage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var flow = new ContactFlow
        {
            Id = Guid.NewGuid(),
            VisitorId = VisitorCookie.GetOrCreate(context),
            UserId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            Language = language,
            StartPage = startPage,
            StartedAt = clock.GetUtcNow(),
        };
        db.ContactFlows.Add(flow);
        await db.SaveChangesAsync(cancellationToken);
        return flow;
    }

    /// <summary>Up to <see cref="DeflectionOptions.SuggestionCount"/> articles for the question, each with the words that
    /// matched; recorded as shown.</summary>
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(ContactFlow flow, string? topic, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var settings = options.Value;
        flow.Topic = topic;
        flow.Question = Truncate(PlainText.Multiline(question), ContactFlow.QuestionMaxLength);
        if (question.Trim().Length < settings.MinimumQuestionLength)
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }

        // The topic orders the suggestions rather than filtering them: customers often pick a topic loosely.
        var results = search.Engine.Search(new SearchRequest(question, flow.Language, Limit: settings.SuggestionCount * 2));
        var hits = results.Hits
            .Where(h => h.MatchedTerms.Count >= settings.MinimumMatchedWords)
            .OrderByDescending(h => h.Category == topic)
            .ThenByDescending(h => h.Score)
            .Take(settings.SuggestionCount)
            .ToList();
        flow.ShownSlugs = AddLines(flow.ShownSlugs, hits.Select(h => h.Slug));
        await db.SaveChangesAsync(cancellationToken);
        return hits;
    }

    /// <summary>Keeps the question as typed when the customer moves on before suggestions were asked for.</summary>
    public async Task SaveQuestionAsync(ContactFlow flow, string? topic, string? question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (question is null)
        {
            return;
        }

        flow.Topic = topic ?? flow.Topic;
        flow.Question = Truncate(PlainText.Multiline(question), ContactFlow.QuestionMaxLength);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task RecordOpenedAsync(ContactFlow flow, string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.OpenedSlugs = AddLines(flow.OpenedSlugs, [slug]);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkSolvedAsync(ContactFlow flow, string? slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.SolvedAt ??= clock.GetUtcNow();
        flow.SolvedSlug = slug;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task MarkEscalatedAsync(ContactFlow flow, RequestChannel channel, int? requestId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        flow.EscalatedAt = clock.GetUtcNow();
        flow.EscalatedChannel = channel;
        flow.RequestId = requestId;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IReadOnlyList<string> Lines(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string AddLines(string? existing, IEnumerable<string> slugs)
    {
        var all = Lines(existing).Concat(slugs).Distinct(StringComparer.Ordinal).TakeLast(50);
        return Truncate(string.Join('\n', all), 4000);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
