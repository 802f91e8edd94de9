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
}
