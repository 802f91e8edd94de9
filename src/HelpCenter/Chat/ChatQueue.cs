using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Chat;

/// <summary>
/// The chat queue, operator presence and assignment. Everything lives in the database, so several instances share
/// one queue: assignment is a conditional update ("only if still unassigned"), which one instance wins. SignalR
/// messages are only notifications; a client that misses one catches up at its next status call or heartbeat.
/// SQLite cannot order by DateTimeOffset in SQL, so the (small) set of waiting chats is ordered in memory.
/// </summary>
public sealed class ChatQueue(HelpCenterDbContext db, RequestService requests, Search.SearchService search, TimeProvider clock, IOptions<ChatOptions> options,
    IHubContext<ChatHub, IChatClient> hub)
{
    private const int HandlingTimeSample = 50;
    private readonly ChatOptions _options = options.Value;

    /// <summary>Articles matching the first message, offered once before the chat joins the queue: only those the
    /// customer has not already been shown (and so declined) in the contact flow that started the chat.</summary>
    public async Task<IReadOnlyList<HelpCenter.Search.SearchHit>> SuggestionsAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_options.SuggestedArticles == 0)
        {
            return [];
        }

        var declined = request.FlowId is { } flowId
            ? Contact.ContactFlowService.Lines(await db.ContactFlows.AsNoTracking().Where(f => f.Id == flowId).Select(f => f.ShownSlugs).FirstOrDefaultAsync(cancellationToken))
            : [];
        return search.Engine.Search(new HelpCenter.Search.SearchRequest(request.Description, request.Language, Limit: _options.SuggestedArticles + declined.Count)).Hits
            .Where(h => !declined.Contains(h.Slug))
            .Take(_options.SuggestedArticles)
            .ToList();
    }

    /// <summary>A new chat: articles are offered first when some match; otherwise it joins the queue at once.</summary>
    public async Task StartAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.QueuedAt is null && (await SuggestionsAsync(request, cancellationToken)).Count == 0)
        {
            await EnqueueAsync(request, cancellationToken);
        }
    }

    /// <summary>Where the conversation stands, as the customer sees it.</summary>
    public async Task<ChatStatus> StatusAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var position = await PositionAsync(request, cancellationToken);
        var stage = request switch
        {
            { Status: RequestStatus.Solved } => ChatStage.Ended,
            { AssignedToId: not null } => ChatStage.Active,
            { QueuedAt: null } => ChatStage.Offered,
            _ => ChatStage.Waiting,
        };
        var name = request.AssignedToId is null ? null : (await db.AgentPresences.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == request.AssignedToId, cancellationToken))?.DisplayName;
        return new ChatStatus(request.Reference, stage, stage == ChatStage.Waiting ? position.Place : null, stage == ChatStage.Waiting ? position.EstimateMinutes : null,
            position.OperatorsOnline, name, request.AgentReadSequence);
    }

    /// <summary>The customer declined the suggested articles (or there were none): the chat waits for an operator.</summary>
    public async Task EnqueueAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.QueuedAt is not null || request.Status == RequestStatus.Solved)
        {
            return;
        }

        request.QueuedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await AssignWaitingAsync(cancellationToken);
        await NotifyQueueAsync();
    }

    /// <summary>Waiting chats, longest waiting first.</summary>
    public async Task<IReadOnlyList<SupportRequest>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        var waiting = await db.Requests.AsNoTracking()
            .Where(r => r.Channel == RequestChannel.Chat && r.Status != RequestStatus.Solved && r.AssignedToId == null && r.QueuedAt != null)
            .ToListAsync(cancellationToken);
        return waiting.OrderBy(r => r.QueuedAt).ThenBy(r => r.Id).ToList();
    }

    /// <summary>Every operator who has ever opened the console, with their open chats.</summary>
    public async Task<IReadOnlyList<OperatorLoad>> OperatorsAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var presences = await db.AgentPresences.AsNoTracking().ToListAsync(cancellationToken);
        var active = await ActiveCountsAsync(cancellationToken);
        return presences
            .Select(p => new OperatorLoad(p, p.IsOnline(now, _options.PresenceTimeout), p.IsReachable(now, _options.PresenceTimeout), active.GetValueOrDefault(p.UserId)))
            .OrderByDescending(o => o.Online).ThenBy(o => o.Presence.DisplayName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>What a customer would get by starting a chat in <paramref name="language"/> now: operators online who
    /// speak it, their free slots, the chats waiting before them and the wait estimate (0: at once; null: nobody online).</summary>
    public async Task<ChatAvailability> AvailabilityAsync(string language, CancellationToken cancellationToken = default)
    {
        var operators = (await OperatorsAsync(cancellationToken)).Where(o => o.Online && o.Presence.LanguageList.Contains(language)).ToList();
        var waiting = (await WaitingAsync(cancellationToken)).Count(r => r.Language == language);
        var free = operators.Sum(o => Math.Max(0, _options.MaxConcurrentChats - o.ActiveChats));
        if (operators.Count == 0)
        {
            return new ChatAvailability(0, 0, waiting, null);
        }

        if (free > waiting)
        {
            return new ChatAvailability(operators.Count, free, waiting, 0);
        }

        // The same estimate as a waiting customer's: place x handling time / the operators' slots.
        var minutes = await HandlingMinutesAsync(cancellationToken);
        var estimate = (int)Math.Ceiling((waiting + 1 - free) * minutes / (operators.Count * _options.MaxConcurrentChats));
        return new ChatAvailability(operators.Count, free, waiting, Math.Max(1, estimate));
    }

    /// <summary>Where a waiting chat stands: its place among chats of the same language and a time estimate
    /// (place x handling time / free-able slots of the online operators who speak it). No estimate when nobody is online.</summary>
    public async Task<QueuePosition> PositionAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operators = (await OperatorsAsync(cancellationToken)).Where(o => o.Online && o.Presence.LanguageList.Contains(request.Language)).ToList();
        if (request.QueuedAt is null || request.AssignedToId is not null || request.Status == RequestStatus.Solved)
        {
            return new QueuePosition(0, null, operators.Count);
        }

        var waiting = (await WaitingAsync(cancellationToken)).Where(r => r.Language == request.Language).ToList();
        var place = waiting.FindIndex(r => r.Id == request.Id) + 1;
        if (place == 0 || operators.Count == 0)
        {
            return new QueuePosition(Math.Max(place, 1), null, operators.Count);
        }

        var minutes = await HandlingMinutesAsync(cancellationToken);
        var slots = operators.Count * _options.MaxConcurrentChats;
        var estimate = (int)Math.Ceiling(place * minutes / slots);
        return new QueuePosition(place, Math.Max(1, estimate), operators.Count);
    }

    /// <summary>
    /// Hands waiting chats to operators: oldest first, to an online operator who speaks the language and has a free
    /// slot, the least busy first. Chats of operators who went offline (or stopped reporting) go back to the queue
    /// at their original place. Returns the number of chats handed back or assigned.
    /// </summary>
    public async Task<int> AssignWaitingAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var operators = await OperatorsAsync(cancellationToken);
        var moved = await RequeueUnreachableAsync(operators, cancellationToken);
        if (moved > 0)
        {
            operators = await OperatorsAsync(cancellationToken);
        }

        var load = operators.Where(o => o.Online).ToDictionary(o => o.Presence.UserId, o => o.ActiveChats);
        foreach (var waiting in await WaitingAsync(cancellationToken))
        {
            var candidate = operators
                .Where(o => o.Online && o.Presence.LanguageList.Contains(waiting.Language) && load[o.Presence.UserId] < _options.MaxConcurrentChats)
                .OrderBy(o => load[o.Presence.UserId]).ThenBy(o => o.Presence.LastSeenAt)
                .FirstOrDefault();
            if (candidate is null)
            {
                continue;
            }

            if (await TryAssignAsync(waiting.Id, candidate.Presence, now, cancellationToken))
            {
                load[candidate.Presence.UserId]++;
                moved++;
            }
        }

        return moved;
    }

    /// <summary>An operator takes a waiting chat. Refused when someone else was quicker or the operator is at the limit.</summary>
    public async Task<ClaimResult> ClaimAsync(SupportRequest request, AgentPresence agent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(agent);
        if (request.AssignedToId == agent.UserId)
        {
            return ClaimResult.Claimed;
        }

        if ((await ActiveCountsAsync(cancellationToken)).GetValueOrDefault(agent.UserId) >= _options.MaxConcurrentChats)
        {
            return ClaimResult.AtLimit;
        }

        if (request.Status == RequestStatus.Solved || !await TryAssignAsync(request.Id, agent, clock.GetUtcNow(), cancellationToken))
        {
            return ClaimResult.Taken;
        }

        return ClaimResult.Claimed;
    }

    /// <summary>Passes a chat to another operator, or back to the queue in another language.</summary>
    public async Task TransferAsync(SupportRequest request, string? toAgentId, string? toLanguage, string? byName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Language = toLanguage ?? request.Language;
        request.AssignedToId = toAgentId;
        request.AssignedAt = toAgentId is null ? null : clock.GetUtcNow();
        request.QueuedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var name = toAgentId is null ? null : (await db.AgentPresences.FindAsync([toAgentId], cancellationToken))?.DisplayName;
        await AddSystemMessageAsync(request, "transferred", byName, cancellationToken);
        if (toAgentId is null)
        {
            await AssignWaitingAsync(cancellationToken);
        }
        else
        {
            await hub.Clients.Group(ChatHub.AgentGroup(toAgentId)).ChatAssigned(request.Reference);
        }

        await NotifyStatusAsync(request.Reference, name);
        await NotifyQueueAsync();
    }

    /// <summary>The customer picks the language to chat in while still waiting; the place is then counted in that queue.</summary>
    public async Task ChangeLanguageAsync(SupportRequest request, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Languages.Contains(language) || request.AssignedToId is not null || request.Status == RequestStatus.Solved || request.Language == language)
        {
            return;
        }

        request.Language = language;
        await db.SaveChangesAsync(cancellationToken);
        await AssignWaitingAsync(cancellationToken);
        await NotifyQueueAsync();
    }

    /// <summary>Ends the chat with how it was resolved; the customer sees it at once and is offered the survey.</summary>
    public async Task CloseAsync(SupportRequest request, string resolution, string? byId, string? byName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Status == RequestStatus.Solved)
        {
            return;
        }

        // "left": the customer ended it (the operator reads who did); "closed" otherwise.
        await AddSystemMessageAsync(request, resolution == ChatResolutions.CustomerEnded ? "left" : "closed", byName, cancellationToken, byId);
        request.Status = RequestStatus.Solved;
        request.Resolution = resolution;
        request.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await NotifyStatusAsync(request.Reference, null);
        await AssignWaitingAsync(cancellationToken);
        await NotifyQueueAsync();
    }

    /// <summary>Records the operator's availability and languages (and that the console is alive).</summary>
    public async Task<AgentPresence> ReportPresenceAsync(string userId, string displayName, PresenceStatus? status, IReadOnlyList<string>? languages, CancellationToken cancellationToken = default)
    {
        var presence = await db.AgentPresences.FindAsync([userId], cancellationToken);
        if (presence is null)
        {
            // Opening the console does not start the flow of chats: the operator says when they are ready.
            presence = new AgentPresence { UserId = userId, DisplayName = "", Status = PresenceStatus.Away };
            db.AgentPresences.Add(presence);
        }

        var wasOnline = presence.IsOnline(clock.GetUtcNow(), _options.PresenceTimeout);
        presence.DisplayName = displayName.Length > 100 ? displayName[..100] : displayName;
        presence.Status = status ?? presence.Status;
        presence.Languages = languages is null ? presence.Languages : string.Join(',', languages.Where(Languages.Contains).Distinct());
        presence.LastSeenAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);

        // Every heartbeat also runs assignment: it hands back chats of operators who stopped reporting and catches
        // anything a missed notification or another instance left waiting.
        var moved = await AssignWaitingAsync(cancellationToken);
        if (status is not null || languages is not null || !wasOnline || moved > 0)
        {
            await NotifyQueueAsync();
        }

        return presence;
    }

    /// <summary>Tells waiting customers and operators' consoles to refresh what they show.</summary>
    public async Task NotifyQueueAsync()
    {
        await hub.Clients.Group(ChatHub.AgentsGroup).QueueChanged();
        await hub.Clients.Group(ChatHub.WaitingGroup).QueueChanged();
    }

    public static readonly IReadOnlyList<string> Languages = ["ja", "en", "zh"];

    private async Task<bool> TryAssignAsync(int requestId, AgentPresence agent, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await db.Requests
            .Where(r => r.Id == requestId && r.AssignedToId == null && r.Status != RequestStatus.Solved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.AssignedToId, agent.UserId).SetProperty(r => r.AssignedAt, now)
                // The "new" badge follows the state: a chat an operator has is open.
                .SetProperty(r => r.Status, r => r.Status == RequestStatus.New ? RequestStatus.Open : r.Status), cancellationToken);
        if (updated == 0)
        {
            return false;
        }

        // The update bypassed the change tracker: refresh a copy this context may already hold.
        var request = (await db.Requests.FindAsync([requestId], cancellationToken))!;
        await db.Entry(request).ReloadAsync(cancellationToken);
        await AddSystemMessageAsync(request, "assigned", agent.DisplayName, cancellationToken);
        await hub.Clients.Group(ChatHub.AgentGroup(agent.UserId)).ChatAssigned(request.Reference);
        await NotifyStatusAsync(request.Reference, agent.DisplayName);
        return true;
    }

    private async Task<int> RequeueUnreachableAsync(IReadOnlyList<OperatorLoad> operators, CancellationToken cancellationToken)
    {
        var gone = operators.Where(o => !o.Reachable && o.ActiveChats > 0).Select(o => o.Presence.UserId).ToList();
        if (gone.Count == 0)
        {
            return 0;
        }

        // Only chats the queue handed out (AssignedAt set): an email-style assignment from the request page stays.
        var chats = await db.Requests.AsNoTracking()
            .Where(r => r.Channel == RequestChannel.Chat && r.Status != RequestStatus.Solved && r.AssignedAt != null && gone.Contains(r.AssignedToId!))
            .Select(r => new { r.Id, r.Reference, r.AssignedToId })
            .ToListAsync(cancellationToken);
        var moved = 0;
        var now = clock.GetUtcNow();
        foreach (var chat in chats)
        {
            // Conditional: another instance (or a reassignment since the read) wins, and only the winner tells the
            // customer. QueuedAt is kept, so the chat is back at its original place.
            var updated = await db.Requests
                .Where(r => r.Id == chat.Id && r.AssignedToId == chat.AssignedToId && r.Status != RequestStatus.Solved)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AssignedToId, (string?)null).SetProperty(r => r.AssignedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.QueuedAt, r => r.QueuedAt ?? now), cancellationToken);
            if (updated == 0)
            {
                continue;
            }

            if (db.ChangeTracker.Entries<SupportRequest>().FirstOrDefault(e => e.Entity.Id == chat.Id) is { } tracked)
            {
                await tracked.ReloadAsync(cancellationToken);
            }

            moved++;
            await NotifyStatusAsync(chat.Reference, null);
        }

        return moved;
    }

    private async Task<Dictionary<string, int>> ActiveCountsAsync(CancellationToken cancellationToken) =>
        await db.Requests
            .Where(r => r.Channel == RequestChannel.Chat && r.Status != RequestStatus.Solved && r.AssignedToId != null)
            .GroupBy(r => r.AssignedToId!)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Average minutes from assignment to the end over the last chats, or the configured default.</summary>
    private async Task<double> HandlingMinutesAsync(CancellationToken cancellationToken)
    {
        var recent = await db.Requests.AsNoTracking()
            .Where(r => r.Channel == RequestChannel.Chat && r.Status == RequestStatus.Solved && r.AssignedAt != null)
            .OrderByDescending(r => r.Id).Take(HandlingTimeSample)
            .Select(r => new { r.AssignedAt, r.UpdatedAt })
            .ToListAsync(cancellationToken);
        return recent.Count < 5 ? _options.DefaultChatMinutes : Math.Max(1, recent.Average(r => (r.UpdatedAt - r.AssignedAt!.Value).TotalMinutes));
    }

    private async Task AddSystemMessageAsync(SupportRequest request, string what, string? name, CancellationToken cancellationToken, string? byId = null)
    {
        var message = await requests.AddMessageAsync(request, MessageKind.System, what, byId, name, cancellationToken: cancellationToken);
        await hub.Clients.AnnounceAsync(request.Reference, message);
    }

    private Task NotifyStatusAsync(string reference, string? operatorName) =>
        hub.Clients.Group(ChatHub.CustomerGroup(reference)).StatusChanged(reference, operatorName);
}

public sealed record OperatorLoad(AgentPresence Presence, bool Online, bool Reachable, int ActiveChats);

/// <summary>Live chat availability for one language, before the customer starts a chat.</summary>
public sealed record ChatAvailability(int OperatorsOnline, int FreeSlots, int Waiting, int? EstimateMinutes)
{
    public bool Available => OperatorsOnline > 0;
}

public sealed record QueuePosition(int Place, int? EstimateMinutes, int OperatorsOnline);

public enum ClaimResult
{
    Claimed,
    Taken,
    AtLimit,
}

/// <summary>How a chat ended; operators choose one when closing.</summary>
public static class ChatResolutions
{
    public const string SelfService = "self-service";

    /// <summary>The customer pressed "end chat".</summary>
    public const string CustomerEnded = "customer-ended";

    public static readonly IReadOnlyList<string> ForOperators = ["answered", "account-action", "escalated", "no-response", "other"];
}
