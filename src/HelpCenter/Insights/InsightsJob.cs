using HelpCenter.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// The insights' scheduled work, on one instance at a time (one lease for both, so two instances never roll the same
/// day up at once): at start and then every <see cref="InsightsOptions.RollupIntervalMinutes"/>, roll closed days up
/// (<see cref="InsightsRollup"/>), then delete the raw events past retention (<see cref="RawEventRetention"/>, which
/// never deletes what is not rolled up for good).
/// </summary>
public sealed class InsightsJob(InsightsRollup rollup, RawEventRetention retention, IOptions<InsightsOptions> options, TimeProvider time,
    SingletonWorkRunner singleton, ILogger<InsightsJob> logger) : BackgroundService
{
    /// <summary>The name of the lease that decides which instance runs the job.</summary>
    public const string Lease = "insights";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RollupIntervalMinutes == 0 ? Task.CompletedTask : singleton.RunAsync(Lease, RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RollupIntervalMinutes), time);
            do
            {
                try
                {
                    await rollup.RunOnceAsync(stoppingToken);
                    await retention.RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "The insights job failed (roll-up or deletion of old raw events); the pages read the raw events until the next run");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
