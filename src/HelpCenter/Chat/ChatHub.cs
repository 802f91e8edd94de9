using System.Text.RegularExpressions;
using HelpCenter.Accounts;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace HelpCenter.Chat;

/// <summary>
/// Live chat at <c>/hubs/chat</c>. The database is the truth: a message is stored (with its sequence number) before
/// it is acknowledged or broadcast, and a client that reconnects asks for everything after the last sequence it
/// saw. Every method checks access to the conversation; internal notes go to the operators' group only.
/// </summary>
public sealed partial class ChatHub(RequestService requests, ChatQueue queue, ChatAccess access, ChatFloodGuard flood, UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn, AccountSessions sessions, Infrastructure.Distributed.HelpCenterMetrics metrics) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";
    public const int MaxTextLength = 2000;
    public const int MessagesPerMinute = 30;

    /// <summary>Every operator's console.</summary>
    public const string AgentsGroup = "agents";

    /// <summary>Customers whose chat waits in the queue (they refresh their place when it moves).</summary>
    public const string WaitingGroup = "chat-waiting";

    /// <summary>
    /// Calls of one connection that may run at once. An operator answers many conversations on one connection; one at
    /// a time, a reply waited for every reply before it in other conversations (the chat-load bench's 25 replies per
    /// operator queued for seconds). Order within a conversation is the client's: chat.js sends a conversation's
    /// messages one after the other, and a message's sequence number is given when it is stored.
    /// </summary>
    public const int ParallelCallsPerConnection = 8;

    /// <summary>The connection's cookies parsed once, before calls may run in parallel (parsing them is not thread-safe).</summary>
    public override Task OnConnectedAsync()
    {
        _ = Context.GetHttpContext()?.Request.Cookies.Count;
        return base.OnConnectedAsync();
    }

    /// <summary>Joins a conversation as its customer; returns the messages after <paramref name="afterSequence"/>.</summary>
    public async Task<IReadOnlyList<ChatMessage>> Join(string reference, int afterSequence)
    {
        var request = await CustomerConversationAsync(reference);
        await Groups.AddToGroupAsync(Context.ConnectionId, CustomerGroup(request.Reference));
        if (request.Status != RequestStatus.Solved)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, WaitingGroup);
        }

        return Visible(await WithMessagesAsync(request), afterSequence, includeNotes: false);
    }

    /// <summary>The customer's view of the conversation: place in the queue and estimate, or the operator.</summary>
    public async Task<ChatStatus> Status(string reference)
    {
        var request = await CustomerConversationAsync(reference);
        return await queue.StatusAsync(request);
    }

    /// <summary>The customer has seen everything up to <paramref name="sequence"/>: the operator sees "read".</summary>
    public async Task MarkRead(string reference, int sequence)
    {
        var request = await CustomerConversationAsync(reference);
        if (sequence > request.CustomerReadSequence && sequence <= await requests.LastSequenceAsync(request))
        {
            await requests.MarkReadAsync(request, customer: true, sequence);
            await Clients.Group(StaffGroup(request.Reference)).Read(request.Reference, "customer", sequence);
        }
    }

    /// <summary>Sends a customer message. Resending the same <paramref name="clientId"/> returns the stored message.</summary>
    public async Task<ChatMessage> Send(string reference, string clientId, string text)
    {
        var request = await CustomerConversationAsync(reference);
        var message = await AppendAsync(request, MessageKind.Customer, clientId, text, request.Name);

        // Writing instead of answering the article offer means "no, I want an operator".
        await queue.EnqueueAsync(request);
        return message;
    }

    /// <summary>Everything after <paramref name="afterSequence"/> (after a reconnect or a reload).</summary>
    public async Task<IReadOnlyList<ChatMessage>> Fetch(string reference, int afterSequence)
    {
        var request = await CustomerConversationAsync(reference);
        return Visible(await WithMessagesAsync(request), afterSequence, includeNotes: false);
    }

    public async Task Typing(string reference)
    {
        var request = await CustomerConversationAsync(reference);
        if (request.Status != RequestStatus.Solved)
        {
            await Clients.Group(StaffGroup(request.Reference)).Typing(request.Reference, "customer");
        }
    }

    /// <summary>The operator's console: reports presence (also every 30 s as a heartbeat, which also assigns waiting
    /// chats) and listens for queue changes and assignments.</summary>
    [Authorize(Policy = Policies.Agent)]
    public async Task<string> AgentConsole(string? status, string[]? languages)
    {
        await EnsureSignInStillValidAsync();
        var agent = await users.GetUserAsync(Context.User!) ?? throw new HubException("not-found");
        PresenceStatus? parsed = Enum.TryParse<PresenceStatus>(status, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
        if (languages is { Length: > 3 } || (status is not null && parsed is null))
        {
            throw new HubException("invalid-presence");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, AgentsGroup);
        await Groups.AddToGroupAsync(Context.ConnectionId, AgentGroup(agent.Id));
        var presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, parsed, languages);
        return presence.Status.ToString();
    }

    /// <summary>Takes a waiting chat: <c>Claimed</c>, <c>Taken</c> (someone was quicker) or <c>AtLimit</c>.</summary>
    [Authorize(Policy = Policies.Agent)]
    public async Task<string> Claim(string reference)
    {
        var request = await ConversationAsync(reference);
        var agent = await users.GetUserAsync(Context.User!) ?? throw new HubException("not-found");
        var presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, null, null);
        if (presence.Status == PresenceStatus.Offline)
        {
            // Taking a chat means being at work: away (keeps its chats, gets no new ones), or the chat would go straight
            // back to the queue as the chat of an offline operator.
            presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, PresenceStatus.Away, null);
        }

        var result = await queue.ClaimAsync(request, presence);
        await queue.NotifyQueueAsync();
        return result.ToString();
    }

    [Authorize(Policy = Policies.Agent)]
    public async Task AgentMarkRead(string reference, int sequence)
    {
        var request = await ConversationAsync(reference);
        if (sequence > request.AgentReadSequence && sequence <= await requests.LastSequenceAsync(request))
        {
            await requests.MarkReadAsync(request, customer: false, sequence);
            await Clients.Group(CustomerGroup(request.Reference)).Read(request.Reference, "agent", sequence);
        }
    }

    [Authorize(Policy = Policies.Agent)]
    public async Task AgentTyping(string reference)
    {
        var request = await ConversationAsync(reference);
        await Clients.Group(CustomerGroup(request.Reference)).Typing(request.Reference, "agent");
    }

    [Authorize(Policy = Policies.Agent)]
    public async Task<IReadOnlyList<ChatMessage>> AgentJoin(string reference, int afterSequence)
    {
        // Operators are in the staff group only: a message goes to both groups, and a connection in both would get it twice.
        var request = await ConversationAsync(reference);
        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup(request.Reference));
        return Visible(await WithMessagesAsync(request), afterSequence, includeNotes: true);
    }

    /// <summary>An operator's message, or an internal note that only operators receive.</summary>
    [Authorize(Policy = Policies.Agent)]
    public async Task<ChatMessage> AgentSend(string reference, string clientId, string text, bool note)
    {
        var request = await ConversationAsync(reference);
        var agent = await users.GetUserAsync(Context.User!);
        return await AppendAsync(request, note ? MessageKind.Note : MessageKind.Agent, clientId, text, agent?.ShownName);
    }

    /// <summary>The conversation's messages, read now. Join and AgentJoin call it after joining the group: a message
    /// stored between the access check and the join would otherwise be in neither the answer nor the pushes. (One
    /// stored just after may be in both: clients keep each sequence once.)</summary>
    private async Task<SupportRequest> WithMessagesAsync(SupportRequest request) => await requests.FindAsync(request.Reference) ?? request;

    private async Task<ChatMessage> AppendAsync(SupportRequest request, MessageKind kind, string clientId, string text, string? author)
    {
        if (clientId is null || !ClientIdPattern().IsMatch(clientId))
        {
            throw new HubException("invalid-client-id");
        }

        // Line breaks of one kind, no control or bidi characters: nothing that could forge a line in a transcript.
        text = Infrastructure.PlainText.Multiline(text);
        if (text.Length == 0 || text.Length > MaxTextLength)
        {
            throw new HubException("invalid-text");
        }

        if (request.Status == RequestStatus.Solved)
        {
            throw new HubException("conversation-closed");
        }

        if (!await flood.TryAcquireAsync(request.Reference, kind != MessageKind.Customer, Context.User!, Context.GetHttpContext()))
        {
            throw new HubException("rate-limited");
        }

        var stored = await requests.AddMessageAsync(request, kind, text, Context.UserIdentifier, author, clientId);
        metrics.ChatMessageStored(kind.ToString());
        return await Clients.AnnounceAsync(request.Reference, stored);
    }

    private async Task<SupportRequest> CustomerConversationAsync(string reference)
    {
        var request = await ConversationAsync(reference);
        if (!access.IsCustomerOf(request, Context.User!, Context.GetHttpContext()))
        {
            throw new HubException("not-found");
        }

        return request;
    }

    private async Task<SupportRequest> ConversationAsync(string reference)
    {
        await EnsureSignInStillValidAsync();
        if (reference is not { Length: > 0 and <= 32 } || await requests.FindHeaderAsync(reference) is not { Channel: RequestChannel.Chat } request)
        {
            // The same answer for "does not exist" and "not yours": conversations cannot be probed.
            throw new HubException("not-found");
        }

        return request;
    }

    /// <summary>
    /// A connection keeps the sign-in it was opened with. After a sign-out (its session is deleted), a password, email or
    /// 2FA change, a freeze or "sign out everywhere" (a new security stamp), the connection's next call is refused and
    /// the connection closed.
    /// </summary>
    private async Task EnsureSignInStillValidAsync()
    {
        if (Context.User?.Identity?.IsAuthenticated == true
            && (!await sessions.IsActiveAsync(Context.User) || await signIn.ValidateSecurityStampAsync(Context.User) is null))
        {
            Context.Abort();
            throw new HubException("signed-out");
        }
    }

    private static IReadOnlyList<ChatMessage> Visible(SupportRequest request, int afterSequence, bool includeNotes) =>
        request.Messages.Where(m => m.Sequence > afterSequence && (includeNotes || m.Kind != MessageKind.Note))
            .OrderBy(m => m.Sequence).Select(m => ToMessage(request.Reference, m)).ToList();

    public static ChatMessage ToMessage(string reference, RequestMessage m) =>
        new(reference, m.Sequence, m.ClientId, m.Kind.ToString(), m.AuthorName, m.Body, m.CreatedAt, m.AttachmentId);

    public static string CustomerGroup(string reference) => "chat:" + reference;

    public static string StaffGroup(string reference) => "chat-staff:" + reference;

    public static string AgentGroup(string userId) => "agent:" + userId;

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex ClientIdPattern();
}

/// <summary>The one place that decides who hears of a stored message, for the hub and for code outside it.</summary>
public static class ChatAnnouncements
{
    /// <summary>Pushes a stored message to the conversation's customers and operators; an internal note to operators only.</summary>
    public static async Task<ChatMessage> AnnounceAsync(this IHubClients<IChatClient> clients, string reference, RequestMessage stored)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(stored);
        var message = ChatHub.ToMessage(reference, stored);
        var audience = stored.Kind == MessageKind.Note
            ? clients.Group(ChatHub.StaffGroup(reference))
            : clients.Groups(ChatHub.CustomerGroup(reference), ChatHub.StaffGroup(reference));
        await audience.MessageAdded(message);
        return message;
    }
}
