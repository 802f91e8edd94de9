using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Chat;

/// <summary>
/// Expires operators' presence on time by itself: every <see cref="ChatOptions.PresenceCheckInterval"/> it hands the
/// chats of operators silent for <see cref="ChatOptions.PresenceTimeout"/> back to the queue (at their place) and
/// assigns what waits, without waiting for the next request. Every instance runs it; each hand-back and assignment is
/// a conditional update, so only one instance acts on a chat and only that one tells its customer.
/// </summary>
public sealed class ChatPresenceMonitor(IServiceScopeFactory scopes, IOptions<ChatOptions> options, TimeProvider clock, SingletonWorkRunner singleton,
    ILogger<ChatPresenceMonitor> logger) : BackgroundService
{
    /// <summary>The name of the lease that decides which instance hands back and assigns chats.</summary>
    public const string Lease = "chat-presence";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singleton.RunAsync(Lease, RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PresenceCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or IOException)
            {
                logger.LogError(e, "Checking operator presence failed; it runs again at the next tick");
            }
        }
    }

    /// <summary>One check; returns the number of chats handed back or assigned by this instance.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<ChatQueue>();
        var moved = await queue.AssignWaitingAsync(cancellationToken);
        if (moved > 0)
        {
            await queue.NotifyQueueAsync();
        }

        return moved;
    }
}
