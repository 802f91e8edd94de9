using HelpCenter.Audit;
using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Chat;

/// <summary>
/// Removes chat transcripts <see cref="ChatOptions.RetentionDays"/> after the chat ended: anonymised (kept for
/// statistics: reference, dates, language, topic, resolution, survey rating) or deleted, as
/// <see cref="ChatOptions.RetentionMode"/> says. Runs at start and every hour; running it twice changes nothing more
/// (an anonymised chat has no recorded context left). Two instances running it at the same moment may both anonymise
/// the same chat (the same result) or both try to delete it (the second fails, is logged and retried an hour later).
/// </summary>
public sealed class ChatRetentionService(IServiceScopeFactory scopes, IOptions<ChatOptions> options, TimeProvider clock, SingletonWorkRunner singleton,
    ILogger<ChatRetentionService> logger) : BackgroundService
{
    /// <summary>What replaces the customer's words and details.</summary>
    public const string Removed = "[removed]";

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The name of the lease that decides which instance runs the retention.</summary>
    public const string Lease = "chat-retention";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singleton.RunAsync(Lease, RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or IOException or InvalidOperationException)
            {
                logger.LogError(e, "Chat retention failed; it runs again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Applies the retention once; returns the number of chats anonymised or deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (settings.RetentionDays == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var images = scope.ServiceProvider.GetRequiredService<ScreenshotStore>();

        // SQLite cannot compare DateTimeOffset in SQL: the ended chats' end times are compared in memory.
        var cutoff = clock.GetUtcNow().AddDays(-settings.RetentionDays);
        // Not yet anonymised: the context the system recorded is still there (a customer cannot type that away).
        var ended = await db.Requests.AsNoTracking()
            .Where(r => r.Channel == RequestChannel.Chat && r.Status == RequestStatus.Solved && (r.Description != Removed || r.SystemContextJson != null))
            .Select(r => new { r.Id, r.UpdatedAt })
            .ToListAsync(cancellationToken);
        var due = ended.Where(r => r.UpdatedAt < cutoff).Select(r => r.Id).ToList();
        foreach (var id in due)
        {
            var chat = await db.Requests.Include(r => r.Messages).FirstAsync(r => r.Id == id, cancellationToken);
            foreach (var image in chat.Screenshots)
            {
                images.Delete(image.Id);
            }

            if (settings.RetentionMode == ChatRetentionMode.Delete)
            {
                db.Requests.Remove(chat);
            }
            else
            {
                Anonymize(chat);
            }

            // The question is also kept on the contact flow it came from (the flow itself stays for the funnel).
            if (chat.FlowId is { } flowId && await db.ContactFlows.FindAsync([flowId], cancellationToken) is { } flow)
            {
                flow.Question = null;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        if (due.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(AuditKinds.ChatRetention, null,
                $"{settings.RetentionMode} {due.Count} chats ended before {cutoff:yyyy-MM-dd}", cancellationToken: cancellationToken);
            logger.LogInformation("Chat retention: {Mode} {Count} chats that ended before {Cutoff}", settings.RetentionMode, due.Count, cutoff);
        }

        return due.Count;
    }

    private static void Anonymize(SupportRequest chat)
    {
        chat.Description = Removed;
        chat.Name = null;
        chat.Email = "-";
        chat.UserId = null;
        chat.AccountNumber = null;
        chat.TransactionIds = null;
        chat.Phone = null;
        chat.SystemContextJson = null;
        chat.Screenshots = [];
        chat.SurveyComment = null;
        chat.IdempotencyKey = null;
        // System messages ("assigned", "closed") and operators' names are not the customer's data and keep the timeline readable.
        foreach (var message in chat.Messages.Where(m => m.Kind != MessageKind.System))
        {
            message.Body = Removed;
            message.AuthorName = message.Kind == MessageKind.Customer ? null : message.AuthorName;
            message.AttachmentId = null;
        }
    }
}
