using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// Sets the per-connection SQLite settings on every connection the pool opens: durable commits
/// (synchronous=FULL; WAL alone would lose the last commits on power failure with NORMAL) and a busy
/// timeout so concurrent writers queue instead of failing with "database is locked".
/// </summary>
public sealed class SqlitePragmaInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    // The settings live as long as the native connection, which the pool keeps across opens: set them once per handle
    // (EF Core opens a pooled connection for every query, and the three statements cost as much as a small query).
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    private string Pragmas => $"PRAGMA synchronous=FULL; PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Configured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Configured(connection);
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && _configured.TryGetValue(handle, out _);

    private void Configured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, handle);
        }
    }
}
