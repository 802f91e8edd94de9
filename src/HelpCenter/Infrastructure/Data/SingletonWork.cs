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

/// <summary>
/// PostgreSQL advisory locks (DistributedLock.Postgres), each lease on a connection of its own that it checks every few
/// seconds: a lock dies with its connection (the holder's process died, or the server ended the session), and the
/// holder must then stop the work, because another instance may already have taken it.
/// </summary>
public sealed class PostgresSingletonWork(string connectionString) : ISingletonWork
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    public async Task<ISingletonLease?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        // Not from the pool: the connection must close when the lease ends, never serve other queries.
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = await new PostgresDistributedLock(new PostgresAdvisoryLockKey("helpcenter:" + name, allowHashing: true), connection)
                .TryAcquireAsync(TimeSpan.Zero, cancellationToken);
            if (handle is null)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new Lease(connection, handle);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Lease : ISingletonLease
    {
        private readonly Npgsql.NpgsqlConnection _connection;
        private readonly PostgresDistributedLockHandle _handle;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly SemaphoreSlim _use = new(1, 1);
        private readonly Task _monitor;

        public Lease(Npgsql.NpgsqlConnection connection, PostgresDistributedLockHandle handle)
        {
            _connection = connection;
            _handle = handle;
            _monitor = MonitorAsync();
        }

        public CancellationToken Lost => _lost.Token;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _monitor;
            await _use.WaitAsync();
            try
            {
                if (!_lost.IsCancellationRequested)
                {
                    await _handle.DisposeAsync();
                }
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
            {
                // The connection is gone, and the lock with it.
            }
            finally
            {
                await _connection.DisposeAsync();
                _use.Release();
                _use.Dispose();
                _lost.Dispose();
                _stop.Dispose();
            }
        }

        private async Task MonitorAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(CheckInterval, _stop.Token);
                    await _use.WaitAsync(_stop.Token);
                    try
                    {
                        await using var command = _connection.CreateCommand();
                        command.CommandText = "SELECT 1";
                        await command.ExecuteScalarAsync(_stop.Token);
                    }
                    finally
                    {
                        _use.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or IOException)
            {
                await _lost.CancelAsync();
            }
        }
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

            var failed = false;
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
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failing job must not stop the host (a BackgroundService's exception does): give the lease up,
                    // and compete for it again after the pause.
                    logger.LogError(e, "Work under lease {Lease} failed; competing for it again", name);
                    failed = true;
                }

                if (!failed && (!lease.Lost.IsCancellationRequested || stoppingToken.IsCancellationRequested))
                {
                    // The work ended by itself (nothing to do with these settings) or the host is stopping.
                    return;
                }

                if (!failed)
                {
                    logger.LogWarning("Lease {Lease} lost (database connection closed); competing for it again", name);
                }
            }

            if (failed)
            {
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
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
