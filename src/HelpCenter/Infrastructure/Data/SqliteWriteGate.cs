using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// One writer at a time inside this process. SQLite allows a single writer; when several try at once, the losers
/// poll the lock with sleeps of up to 100 ms (its busy handler), which under chat load turned into seconds of latency.
/// Queuing the writers here in order, and letting SQLite's busy timeout handle only other processes, keeps every
/// commit as durable as before (synchronous=FULL) and the wait as short as the commits ahead of it.
/// A context holds the gate for a SaveChanges, or for a whole explicit transaction (see
/// <see cref="DataExtensions.InWriteTransactionAsync"/>), and may save inside what it holds (the hold is counted).
/// A transaction that wrote outside the gate would hold SQLite's lock while waiting for the gate, and the gate's
/// holder would wait for SQLite's lock until the busy timeout failed it with "database is locked".
/// </summary>
public sealed class SqliteWriteGate : SaveChangesInterceptor, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Which contexts hold the gate, and how many times: EF reports "canceled" or "failed" also when the wait itself
    // was canceled, and only a holder may release.
    private readonly ConditionalWeakTable<DbContext, Hold> _holders = [];

    public void Dispose() => _gate.Dispose();

    /// <summary>Holds the gate for <paramref name="context"/> until the result is disposed.</summary>
    public async Task<IAsyncDisposable> HoldAsync(DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await EnterAsync(context, cancellationToken);
        return new Releaser(this, context);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && !Reenter(context))
        {
            _gate.Wait();
            _holders.Add(context, new Hold());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context)
        {
            await EnterAsync(context, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData?.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData?.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context);
        return Task.CompletedTask;
    }

    private async Task EnterAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!Reenter(context))
        {
            await _gate.WaitAsync(cancellationToken);
            _holders.Add(context, new Hold());
        }
    }

    /// <summary>A context is used by one caller at a time, so its own count needs no lock.</summary>
    private bool Reenter(DbContext context)
    {
        if (_holders.TryGetValue(context, out var hold))
        {
            hold.Count++;
            return true;
        }

        return false;
    }

    private void Release(DbContext? context)
    {
        if (context is not null && _holders.TryGetValue(context, out var hold) && --hold.Count == 0)
        {
            _holders.Remove(context);
            _gate.Release();
        }
    }

    private sealed class Hold
    {
        public int Count { get; set; } = 1;
    }

    private sealed class Releaser(SqliteWriteGate gate, DbContext context) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release(context);
            return ValueTask.CompletedTask;
        }
    }
}
