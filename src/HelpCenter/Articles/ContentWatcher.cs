using HelpCenter.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpCenter.Articles;

/// <summary>
/// Reloads the content when files under the content folder change. Events are coalesced: the reload
/// runs once the folder has been quiet for <see cref="HelpCenterOptions.ContentReloadDelayMilliseconds"/>.
/// </summary>
public sealed class ContentWatcher(ContentStore store, IOptions<HelpCenterOptions> options, ILogger<ContentWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Directory.Exists(store.ContentRoot))
        {
            logger.LogWarning("Content folder {ContentRoot} does not exist; not watching it", store.ContentRoot);
            return;
        }

        var changes = System.Threading.Channels.Channel.CreateUnbounded<bool>();
        using var watcher = new FileSystemWatcher(store.ContentRoot)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler onChange = (_, _) => changes.Writer.TryWrite(true);
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changes.Writer.TryWrite(true);
        watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "Content watcher overflowed; reloading everything");
            changes.Writer.TryWrite(true);
        };
        watcher.EnableRaisingEvents = true;

        var delay = TimeSpan.FromMilliseconds(options.Value.ContentReloadDelayMilliseconds);
        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // Wait until no new event arrived for one delay period, then reload once.
                do
                {
                    while (changes.Reader.TryRead(out _))
                    {
                    }

                    await Task.Delay(delay, stoppingToken);
                }
                while (changes.Reader.TryRead(out _));

                try
                {
                    await store.ReloadAsync(importFiles: true, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Reloading content failed; the previous content stays online");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
