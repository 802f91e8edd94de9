using System.Collections.Concurrent;
using Npgsql;

namespace HelpCenter.IntegrationTests;

/// <summary>
/// Which database provider the integration tests run on: <c>HELPCENTER_TEST_DATABASE=PostgreSQL</c> runs every host on
/// the PostgreSQL server named by <c>HELPCENTER_TEST_POSTGRES</c> (tests/run.sh starts one and runs this project a second
/// time so); anything else is SQLite, the default.
/// </summary>
public static class TestDatabase
{
    /// <summary>An Npgsql connection string to a server where the tests may create databases, or null.</summary>
    public static string? Server => Environment.GetEnvironmentVariable("HELPCENTER_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static bool IsPostgreSql => string.Equals(Environment.GetEnvironmentVariable("HELPCENTER_TEST_DATABASE"), "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    /// <summary>The run explicitly on SQLite (tests/run.sh's first pass), where PostgreSQL-only tests wait for the second.</summary>
    public static bool IsExplicitlySqlite => string.Equals(Environment.GetEnvironmentVariable("HELPCENTER_TEST_DATABASE"), "Sqlite", StringComparison.OrdinalIgnoreCase);

    // Hosts that share a data folder (two instances of one site) share its database too.
    private static readonly ConcurrentDictionary<string, string> ByDataPath = new(StringComparer.Ordinal);

    /// <summary>A fresh, empty database; returns its name.</summary>
    public static string Create()
    {
        var server = Server ?? throw new InvalidOperationException(
            "HELPCENTER_TEST_DATABASE=PostgreSQL needs HELPCENTER_TEST_POSTGRES (an Npgsql connection string to a server the tests may create databases on); tests/run.sh starts one.");
        var name = "hc_test_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return name;
    }

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    /// <summary>The database of a site's data folder: the one created for it first, or a new one.</summary>
    public static (string ConnectionString, string? Created) ForDataPath(string dataPath)
    {
        string? created = null;
        var connectionString = ByDataPath.GetOrAdd(dataPath, _ => ConnectionString(created = Create()));
        return (connectionString, created);
    }

    public static void Drop(string database, string dataPath)
    {
        ByDataPath.TryRemove(dataPath, out _);
        try
        {
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // The server is thrown away after the run.
        }
    }
}

/// <summary>A test about PostgreSQL itself (leases across instances): runs when a server is given, except in the explicit
/// SQLite pass of tests/run.sh (the PostgreSQL pass runs it).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.Server is null)
        {
            Skip = "Needs HELPCENTER_TEST_POSTGRES (tests/run.sh starts a PostgreSQL server).";
        }
        else if (TestDatabase.IsExplicitlySqlite)
        {
            Skip = "Runs in the PostgreSQL pass.";
        }
    }
}

/// <summary>A test of SQLite's own settings (WAL, the write gate), skipped in the PostgreSQL pass.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = "SQLite only.";
        }
    }
}
