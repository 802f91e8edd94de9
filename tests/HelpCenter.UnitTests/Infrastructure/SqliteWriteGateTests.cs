using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpCenter.UnitTests.Infrastructure;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task OneWriterAtATimeAndACanceledWaitReleasesNothing()
    {
        using var gate = new SqliteWriteGate();
        using var first = NewContext();
        using var canceled = NewContext();
        using var next = NewContext();

        await gate.SavingChangesAsync(Event(first), default);

        // A writer whose wait is canceled: EF then reports "canceled", which must not open the gate for others.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gate.SavingChangesAsync(Event(canceled), default, timeout.Token));
        }

        await gate.SaveChangesCanceledAsync(Event(canceled));
        var waiting = gate.SavingChangesAsync(Event(next), default).AsTask();
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);

        await gate.SavedChangesAsync(new SaveChangesCompletedEventData(null!, null!, first, 1), 1);
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        await gate.SaveChangesFailedAsync(new DbContextErrorEventData(null!, null!, next, new DbUpdateException()));

        // Released exactly once each: the gate is free again, and only once.
        await gate.SavingChangesAsync(Event(first), default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var another = gate.SavingChangesAsync(Event(canceled), default).AsTask();
        await Task.Delay(100);
        Assert.False(another.IsCompleted);
    }

    private static DbContextEventData Event(DbContext context) => new(null!, null!, context);

    private static HelpCenterDbContext NewContext() =>
        new(new DbContextOptionsBuilder<HelpCenterDbContext>().UseSqlite("Data Source=:memory:").Options);
}
