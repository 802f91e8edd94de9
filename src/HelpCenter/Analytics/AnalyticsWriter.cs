using System.Diagnostics;
using HelpCenter.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace HelpCenter.Analytics;

/// <summary>
/// Writes queued analytics events in batches: it waits for an event, gathers for
/// <see cref="AnalyticsOptions.BatchDelayMilliseconds"/>, then stages up to <see cref="AnalyticsOptions.MaxBatchSize"/>
/// events and saves them in one transaction (one fsync). A graceful shutdown writes everything still queued; a crash
/// (kill -9) loses what was queued, at most the last second of analytics. A batch that fails is logged and dropped:
/// analytics never take the site down.
/// </summary>
public sealed class AnalyticsWriter(AnalyticsQueue queue, IServiceScopeFactory scopes, IOptions<AnalyticsOptions> options,
    ILogger<AnalyticsWriter> logger, Infrastructure.Distributed.HelpCenterMetrics? metrics = null) : BackgroundService
{
    // Not disposed: the host may stop (and flush) after disposing its services, and a SemaphoreSlim whose wait handle
    // is never used holds nothing to release.
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <summary>Batches written, and when the last one was (for the health report).</summary>
    public long Batches { get; private set; }

    public TimeSpan LastBatchDuration { get; private set; }

    /// <summary>Writes everything queued now (shutdown, and tests that read what a request recorded).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        // At least one round: a batch the background loop has already taken from the queue (so not pending) may still
        // be writing, and this waits for it.
        do
        {
            await WriteBatchAsync(cancellationToken);
        }
        while (queue.Pending > 0);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(options.Value.BatchDelayMilliseconds);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(delay, stoppingToken);
                await WriteBatchAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<IAnalyticsEvent>();
            long? oldest = null;
            while (batch.Count < options.Value.MaxBatchSize && queue.Reader.TryRead(out var next))
            {
                batch.Add(next.Event);
                oldest ??= next.QueuedAt;
            }

            if (batch.Count == 0)
            {
                return;
            }

            var clock = Stopwatch.StartNew();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
                foreach (var item in batch)
                {
                    await item.StageAsync(db, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                Batches++;
                LastBatchDuration = clock.Elapsed;
                metrics?.AnalyticsBatchWritten(Stopwatch.GetElapsedTime(oldest!.Value));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "An analytics batch of {Count} events could not be written and was dropped", batch.Count);
            }
        }
        finally
        {
            _writing.Release();
        }
    }
}
