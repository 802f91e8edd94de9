using HelpCenter.Feedback;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Infrastructure;

public sealed class SqliteTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [SqliteFact]
    public async Task DatabaseRunsInWalModeWithFullSynchronousCommits()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1000);
        Assert.StartsWith(factory.DataPath, db.Database.GetDbConnection().DataSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SixtyFourConcurrentWritersLoseNothing()
    {
        _ = factory.Server;
        const int writers = 64;
        const int votesEach = 5;
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            start.Wait();
            for (var i = 0; i < votesEach; i++)
            {
                // Each writer uses its own scope and connection, as concurrent requests do.
                await using var scope = factory.Services.CreateAsyncScope();
                var feedback = scope.ServiceProvider.GetRequiredService<FeedbackService>();
                await feedback.RecordAsync("ja", $"concurrency-{i}", $"visitor-{w:D3}", helpful: w % 2 == 0, comment: $"w{w} i{i}", CancellationToken.None);
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        await using var check = factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var stored = await db.ArticleFeedback.Where(f => f.Slug.StartsWith("concurrency-")).ToListAsync();
        Assert.Equal(writers * votesEach, stored.Count);
        Assert.Equal(writers * votesEach, stored.Select(f => (f.Slug, f.VisitorId)).Distinct().Count());
        Assert.All(stored, f => Assert.Equal($"w{int.Parse(f.VisitorId[8..], System.Globalization.CultureInfo.InvariantCulture)} i{f.Slug[12..]}", f.Comment));
    }

    [Fact]
    public async Task ATransactionWritingOutsideSaveChangesDoesNotDeadlockWithConcurrentSaves()
    {
        _ = factory.Server;
        const int writers = 16;
        using var written = new SemaphoreSlim(0);

        // The insights roll-up's shape: a bulk delete (outside SaveChanges, so SQLite's write lock is taken first),
        // then SaveChanges in the same transaction while other requests save. Before the gate covered the whole
        // transaction, the gate's holder waited for SQLite's lock until "database is locked" (15 s busy timeout).
        var transaction = Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            await db.InWriteTransactionAsync(async () =>
            {
                await db.ArticleFeedback.Where(f => f.Slug == "gate-bulk").ExecuteDeleteAsync();
                written.Release();
                await Task.Delay(300);
                db.ArticleFeedback.Add(new ArticleFeedback { Language = "ja", Slug = "gate-bulk", VisitorId = "bulk", Helpful = true, CreatedAt = DateTimeOffset.UtcNow });
                await db.SaveChangesAsync();
            }, CancellationToken.None);
        });
        await written.WaitAsync();
        var saves = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeedbackService>().RecordAsync("ja", "gate-concurrent", $"visitor-{w:D2}", helpful: true, comment: null, CancellationToken.None);
        }));

        var all = Task.WhenAll(saves.Append(transaction));
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))));
        await all;
        await using var check = factory.Services.CreateAsyncScope();
        var stored = check.ServiceProvider.GetRequiredService<HelpCenterDbContext>().ArticleFeedback;
        Assert.Equal(writers, await stored.CountAsync(f => f.Slug == "gate-concurrent"));
        Assert.Equal(1, await stored.CountAsync(f => f.Slug == "gate-bulk"));
    }
}
