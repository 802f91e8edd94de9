using HelpCenter.Infrastructure;
using Microsoft.AspNetCore.OutputCaching;

namespace HelpCenter.Articles;

/// <summary>Drops every cached public page when the content changes, so a published edit is served at once.</summary>
public sealed class ContentCacheEviction(ContentStore content, IOutputCacheStore cache, ILogger<ContentCacheEviction> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        content.Reloaded += Evict;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        content.Reloaded -= Evict;
        return Task.CompletedTask;
    }

    private void Evict(ContentSnapshot snapshot)
    {
        // The in-memory store evicts synchronously; waiting keeps "reloaded" meaning "served".
        cache.EvictByTagAsync(PublicPageCache.ContentTag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        logger.LogDebug("Cached pages evicted after a content reload ({Count} articles)", snapshot.Articles.Count);
    }
}
