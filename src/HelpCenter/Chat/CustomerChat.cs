using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.SignalR;

namespace HelpCenter.Chat;

/// <summary>
/// What a customer does on the chat page without the hub (no JavaScript, or an image upload): each action is stored,
/// then announced to the operator's open panel and the queue like its live counterpart in <see cref="ChatHub"/>.
/// </summary>
public sealed class CustomerChat(RequestService requests, ChatQueue queue, ContactFlowService flows, HelpCenterDbContext db,
    ScreenshotStore images, IHubContext<ChatHub, IChatClient> hub, Infrastructure.Distributed.HelpCenterMetrics metrics)
{
    /// <summary>Images one chat may carry.</summary>
    public const int MaxImages = 10;

    public async Task SendAsync(SupportRequest chat, string text, string clientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var message = await requests.AddMessageAsync(chat, MessageKind.Customer, text.Trim(), chat.UserId, chat.Name, clientId, cancellationToken: cancellationToken);
        metrics.ChatMessageStored(nameof(MessageKind.Customer));
        await hub.Clients.AnnounceAsync(chat.Reference, message);
        await queue.EnqueueAsync(chat, cancellationToken);
    }

    public static bool HasRoomForImage(SupportRequest chat) => chat?.Screenshots.Count < MaxImages;

    /// <summary>Checks, re-encodes and stores an image like contact screenshots, then sends it as a message
    /// (the caller checks <see cref="HasRoomForImage"/> first). Returns why it was refused, or null when it was sent.</summary>
    public async Task<ScreenshotError?> SendImageAsync(SupportRequest chat, Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var result = await images.SaveAsync(content, fileName, cancellationToken);
        if (result.Screenshot is not { } stored)
        {
            return result.Error;
        }

        chat.Screenshots.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        var message = await requests.AddMessageAsync(chat, MessageKind.Customer, stored.OriginalFileName, chat.UserId, chat.Name,
            "image-" + stored.Id, stored.Id, cancellationToken);
        metrics.ChatMessageStored(nameof(MessageKind.Customer));
        await hub.Clients.AnnounceAsync(chat.Reference, message);
        await queue.EnqueueAsync(chat, cancellationToken);
        return null;
    }

    /// <summary>"No, I want to talk to someone": the offered articles are declined and the chat joins the queue.</summary>
    public Task DeclineOfferAsync(SupportRequest chat, CancellationToken cancellationToken = default) => queue.EnqueueAsync(chat, cancellationToken);

    /// <summary>The customer ends the chat (then the survey is offered); the operator's panel hears it live.</summary>
    public Task EndAsync(SupportRequest chat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        return queue.CloseAsync(chat, ChatResolutions.CustomerEnded, chat.UserId, chat.Name, cancellationToken);
    }

    /// <summary>"Yes, an article answered it": the chat ends before it reaches an operator, counted as deflected.</summary>
    public async Task SolvedByArticleAsync(SupportRequest chat, string? slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chat);
        if (chat.QueuedAt is not null || chat.Status == RequestStatus.Solved)
        {
            return;
        }

        if (chat.FlowId is { } flowId && await db.ContactFlows.FindAsync([flowId], cancellationToken) is { } flow)
        {
            await flows.MarkSolvedAsync(flow, slug is { Length: <= 200 } ? slug : null, cancellationToken);
        }

        await queue.CloseAsync(chat, ChatResolutions.SelfService, null, null, cancellationToken);
    }
}
