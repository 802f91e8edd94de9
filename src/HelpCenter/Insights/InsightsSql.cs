using System.Data.Common;
using System.Globalization;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Insights;

/// <summary>
/// Aggregate queries over the raw event tables, in SQL: a million rows cannot be loaded to be counted. EF Core keeps a
/// <see cref="DateTimeOffset"/> in SQLite as text (<c>2026-11-29 08:00:00.1234567+00:00</c>) and refuses to compare it;
/// every analytics time is written by the site in UTC (offset +00:00), so text order is time order and a range is a
/// text range on the column's index. <see cref="Stored"/> writes a bound in the same form.
/// </summary>
internal static class InsightsSql
{
    /// <summary>A moment as EF Core's SQLite provider stores it.</summary>
    public static string Stored(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A stored moment read back.</summary>
    public static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The UTC hour of a stored moment (its first 13 characters, <c>yyyy-MM-dd HH</c>).</summary>
    public static DateTimeOffset ParseHour(string hour) =>
        DateTimeOffset.ParseExact(hour, "yyyy-MM-dd HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static async Task<List<T>> QueryAsync<T>(HelpCenterDbContext db, string sql, IReadOnlyDictionary<string, object?> parameters,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public static string? NullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
