using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Articles;

/// <summary>
/// Keeps this instance in step with changes made on others: every
/// <see cref="HelpCenterOptions.ContentVersionPollMilliseconds"/> it reads the one-row <see cref="ContentVersion"/>
/// counter (bumped in the same transaction as every publish, unpublish, scheduled publish, file import and synonyms
/// edit) and reloads when it moved past the version this instance's snapshot was built at. The reload raises
/// <see cref="ContentStore.Reloaded"/>: the search index applies the changed articles (by content hash) and the output
/// cache is evicted, exactly as for a change made here.
/// </summary>
/// <remarks>
/// A counter rather than pub/sub: it needs nothing but the database (so works with or without Redis, on SQLite and
/// PostgreSQL), and a missed notification cannot exist: an instance that was paused or disconnected sees the counter
/// on its next read and catches up. The read is a primary-key lookup of one row.
/// </remarks>
public sealed class ContentChangeFeed(ContentStore store, IServiceScopeFactory scopes, IOptions<HelpCenterOptions> options,
    ILogger<ContentChangeFeed> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ContentVersionPollMilliseconds));
        var failing = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CatchUpAsync(stoppingToken);
                    if (failing)
                    {
                        logger.LogInformation("Reading the content version works again");
                        failing = false;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Logged once per outage; the previous content stays online meanwhile.
                    if (!failing)
                    {
                        logger.LogWarning(ex, "Could not read the content version; retrying");
                        failing = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reloads when the database holds a newer content version than this instance's snapshot.</summary>
    public async Task<bool> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        if (store.Version < 0)
        {
            return false; // the first load (at start) has not happened yet
        }

        long latest;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            latest = await db.ContentVersions.AsNoTracking().Where(v => v.Id == ContentVersion.SingletonId)
                .Select(v => v.Value).FirstOrDefaultAsync(cancellationToken);
        }

        if (latest == store.Version)
        {
            return false;
        }

        logger.LogInformation("Content version {Latest} in the database, this instance has {Version}: reloading", latest, store.Version);
        await store.ReloadAsync(importFiles: false, cancellationToken);
        return true;
    }
}
