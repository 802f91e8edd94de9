using Medallion.Threading.Postgres;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// Leases for work that must run on one instance at a time (retention, scheduled publishing, inbound mail, the chat
/// presence check). On PostgreSQL a lease is a session advisory lock: it ends when its holder releases it or when the
/// holder's connection dies with its process, so another instance takes over. SQLite means one instance, which
/// always gets the lease.
/// </summary>
public interface ISingletonWork
{
    /// <summary>The lease named <paramref name="name"/>, or null when another instance holds it now.</summary>
    Task<ISingletonLease?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A lease held until disposed; <see cref="Lost"/> is canceled if the database connection holding it dies.</summary>
public interface ISingletonLease : IAsyncDisposable
{
    CancellationToken Lost { get; }
}

/// <summary>SQLite: one instance owns the file, so every lease is granted (and never lost).</summary>
public sealed class LocalSingletonWork : ISingletonWork
{
    public Task<ISingletonLease?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<ISingletonLease?>(Lease.Instance);

    private sealed class Lease : ISingletonLease
    {
        public static readonly Lease Instance = new();

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>PostgreSQL advisory locks (DistributedLock.Postgres), one dedicated connection per held lease.</summary>
public sealed class PostgresSingletonWork(string connectionString) : ISingletonWork
{
    public async Task<ISingletonLease?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        // Without multiplexing each lease has its own connection, so a lost connection costs only its own lease; the
        // keepalive lets the server notice a vanished holder (and the holder notice a vanished server) within a minute.
        var lockHandle = new PostgresDistributedLock(new PostgresAdvisoryLockKey("helpcenter:" + name, allowHashing: true), connectionString,
            options => options.UseMultiplexing(false).KeepaliveCadence(TimeSpan.FromSeconds(30)));
        var handle = await lockHandle.TryAcquireAsync(TimeSpan.Zero, cancellationToken);
        return handle is null ? null : new Lease(handle);
    }

    private sealed class Lease(PostgresDistributedLockHandle handle) : ISingletonLease
    {
        public CancellationToken Lost => handle.HandleLostToken;

        public ValueTask DisposeAsync() => handle.DisposeAsync();
    }
}

public static class SingletonWorkExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> while this instance holds the lease <paramref name="name"/>: tries to take it every
    /// <paramref name="retry"/>, runs the work with a token canceled when the lease is lost or the host stops, and
    /// competes again if the work ends or the lease is lost. Exactly one instance runs it; when that one dies (and its
    /// connection with it), another takes over at its next try.
    /// </summary>
    public static async Task RunWhileLeaderAsync(this ISingletonWork leases, string name, Func<CancellationToken, Task> work, TimeSpan retry,
        ILogger logger, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            ISingletonLease? lease = null;
            try
            {
                lease = await leases.TryAcquireAsync(name, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not ask for the lease {Lease}; trying again", name);
            }

            if (lease is null)
            {
                try
                {
                    // Real time, also under a test's fake clock: taking over from a dead instance is about wall time.
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await using (lease)
            {
                logger.LogInformation("Lease {Lease} taken: this instance runs it", name);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                try
                {
                    await work(both.Token);
                }
                catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                }

                if (!lease.Lost.IsCancellationRequested || stoppingToken.IsCancellationRequested)
                {
                    // The work ended by itself (nothing to do with these settings) or the host is stopping.
                    return;
                }

                logger.LogWarning("Lease {Lease} lost (database connection closed); competing for it again", name);
            }
        }
    }
}

/// <summary>What background services use: <see cref="SingletonWorkExtensions.RunWhileLeaderAsync"/> with the configured
/// retry interval (<see cref="DatabaseOptions.LeaseRetrySeconds"/>).</summary>
public sealed class SingletonWorkRunner(ISingletonWork leases, Microsoft.Extensions.Options.IOptions<DatabaseOptions> options, ILogger<SingletonWorkRunner> logger)
{
    public Task RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken stoppingToken) =>
        leases.RunWhileLeaderAsync(name, work, TimeSpan.FromSeconds(options.Value.LeaseRetrySeconds), logger, stoppingToken);
}
