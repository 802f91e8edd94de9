using HelpCenter.Infrastructure.Data;

namespace HelpCenter.Editor;

/// <summary>
/// Runs the publication schedule at the start of every minute (and once at start, for what fell due while the site was
/// down). Timing comes from <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, SingletonWorkRunner singleton, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    /// <summary>The name of the lease that decides which instance runs the schedule.</summary>
    public const string Lease = "scheduled-publishing";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => singleton.RunAsync(Lease, RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().RunScheduleAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Running the publication schedule failed; trying again next minute");
            }

            var now = clock.GetUtcNow();
            var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddMinutes(1);
            try
            {
                await Task.Delay(next - now, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
