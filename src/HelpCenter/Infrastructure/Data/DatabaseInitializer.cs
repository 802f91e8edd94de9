using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Infrastructure.Data;

/// <summary>Applies migrations at start (the provider's own set: SQLite or PostgreSQL) and checks that SQLite runs with
/// the durability settings we rely on. Several PostgreSQL instances starting together are serialised by EF Core's
/// migration lock.</summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        await RefuseUnknownMigrationsAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);

        if (db.Database.IsSqlite())
        {
            // journal_mode is stored in the database file; synchronous is per connection (see SqlitePragmaInterceptor).
            var journal = await ScalarAsync(db, "PRAGMA journal_mode=WAL;", cancellationToken);
            var synchronous = await ScalarAsync(db, "PRAGMA synchronous;", cancellationToken);
            if (!string.Equals(journal, "wal", StringComparison.OrdinalIgnoreCase) || synchronous != "2")
            {
                throw new InvalidOperationException(
                    $"SQLite must run with journal_mode=WAL and synchronous=FULL (2); got journal_mode={journal}, synchronous={synchronous}.");
            }

            logger.LogInformation("SQLite ready: journal_mode={Journal}, synchronous={Synchronous}", journal, synchronous);
        }
    }

    /// <summary>
    /// A database that has migrations this build does not know was made by a newer version or by a pre-release
    /// schema (squashed into Initial on 2026-11-29). Migrating it would fail half-way with an obscure SQL error.
    /// </summary>
    private static async Task RefuseUnknownMigrationsAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var unknown = (await db.Database.GetAppliedMigrationsAsync(cancellationToken))
            .Where(id => !known.Contains(id))
            .ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database has migrations this version does not know ({string.Join(", ", unknown)}). It was created by a " +
                "newer version or by a pre-release schema. Run a version that knows them, or, for a development database, " +
                "delete it (SQLite: helpcenter.db in HelpCenter:DataPath; PostgreSQL: drop and create the database) and start again.");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<string?> ScalarAsync(HelpCenterDbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
