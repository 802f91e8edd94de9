using HelpCenter.Analytics;
using HelpCenter.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace HelpCenter.UnitTests.Analytics;

public sealed class AnalyticsQueueTests
{
    [Fact]
    public void AFullQueueCountsAndDropsNewEventsWithoutWaiting()
    {
        var queue = new AnalyticsQueue(Options.Create(new AnalyticsOptions { QueueCapacity = 100 }));

        for (var i = 0; i < 150; i++)
        {
            queue.Add(new Nothing());
        }

        Assert.Equal((100, 100L, 50L), (queue.Pending, queue.Accepted, queue.Dropped));
    }

    private sealed class Nothing : IAnalyticsEvent
    {
        public Task StageAsync(HelpCenterDbContext db, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
