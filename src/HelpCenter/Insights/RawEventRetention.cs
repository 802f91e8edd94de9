using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Insights;

/// <summary>
/// Deletes raw analytics events (searches, article views, contact flows) older than
/// <see cref="InsightsOptions.RawEventRetentionDays"/>, after each roll-up (<see cref="InsightsJob"/>). Requests, chats and
/// votes are not analytics events and are never deleted here. It never deletes the events of a day that is not rolled up
/// for good (the last <see cref="InsightsRollup.ReRolledDays"/>
/// days rolled up are rolled up again later), so the daily aggregates the pages read stay whole.
/// </summary>
public sealed class RawEventRetention(IServiceScopeFactory scopes, InsightsRollup rollup, IOptions<InsightsOptions> options, TimeProvider time,
    ILogger<RawEventRetention> logger)
{
    /// <summary>Deletes what is past retention now (of the days rolled up for good); returns the rows deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RawEventRetentionDays;
        if (days == 0)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var through = (await db.InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken))?.ThroughDay;
        if (through is null)
        {
            // Nothing rolled up (no events yet): nothing to lose.
            return 0;
        }

        var final = rollup.StartOf(through.Value.AddDays(1 - InsightsRollup.ReRolledDays));
        var at = time.GetUtcNow().AddDays(-days);
        var cutoff = InsightsSql.Bound(db, at < final ? at : final);

        // On SQLite a text comparison of stored UTC times (see InsightsSql); the tables are fixed names, the cutoff a parameter.
        var deleted = await db.Database.ExecuteSqlAsync($"DELETE FROM \"SearchLogs\" WHERE \"CreatedAt\" < {cutoff}", cancellationToken)
            + await db.Database.ExecuteSqlAsync($"DELETE FROM \"ArticleViews\" WHERE \"At\" < {cutoff}", cancellationToken)
            + await db.Database.ExecuteSqlAsync($"DELETE FROM \"ContactFlows\" WHERE \"StartedAt\" < {cutoff}", cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} analytics events older than {Days} days", deleted, days);
        }

        return deleted;
    }
}
