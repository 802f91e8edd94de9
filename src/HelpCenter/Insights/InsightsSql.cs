using System.Data;
using System.Data.Common;
using System.Globalization;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Insights;

/// <summary>
/// Aggregate queries over the raw event tables, in SQL: a million rows cannot be loaded to be counted. The SQL is
/// written once for both providers (quoted identifiers, <c>@name</c> parameters, <c>CASE</c> instead of summing
/// booleans); what differs is how a moment is stored. EF Core keeps a <see cref="DateTimeOffset"/> in SQLite as text
/// (<c>2026-11-29 08:00:00.1234567+00:00</c>) and refuses to compare it; every analytics time is written by the site
/// in UTC (offset +00:00), so text order is time order and a range is a text range on the column's index.
/// PostgreSQL stores <c>timestamptz</c> and compares it natively. <see cref="Bound"/> writes a bound in the form the
/// provider compares, <see cref="Time"/> reads a moment back, <see cref="HourOf"/> groups by UTC hour.
/// </summary>
internal static class InsightsSql
{
    /// <summary>A moment as EF Core's SQLite provider stores it.</summary>
    public static string Stored(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>A moment as a parameter the provider compares with a stored time: text on SQLite, UTC
    /// <c>timestamptz</c> on PostgreSQL.</summary>
    public static object Bound(HelpCenterDbContext db, DateTimeOffset at) =>
        db.Database.IsSqlite() ? Stored(at) : at.ToUniversalTime();

    /// <summary>An expression giving the UTC hour of a time <paramref name="column"/> as <c>yyyy-MM-dd HH</c>.</summary>
    public static string HourOf(HelpCenterDbContext db, string column) =>
        db.Database.IsSqlite() ? $"substr({column}, 1, 13)" : $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24')";

    /// <summary>A stored moment read back.</summary>
    public static DateTimeOffset Parse(string stored) =>
        DateTimeOffset.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>A time column read back, whichever way the provider stores it.</summary>
    public static DateTimeOffset Time(this DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(string) ? Parse(reader.GetString(ordinal)) : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? NullableTime(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.Time(ordinal);

    /// <summary>A count or sum (integer on SQLite, bigint or numeric on PostgreSQL).</summary>
    public static int Int(this DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    public static long Long(this DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>A key as text (a Guid is text on SQLite, uuid on PostgreSQL).</summary>
    public static string Text(this DbDataReader reader, int ordinal) => Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture)!;

    /// <summary>The UTC hour of a stored moment (<see cref="HourOf"/>, <c>yyyy-MM-dd HH</c>).</summary>
    public static DateTimeOffset ParseHour(string hour) =>
        DateTimeOffset.ParseExact(hour, "yyyy-MM-dd HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static async Task<List<T>> QueryAsync<T>(HelpCenterDbContext db, string sql, IReadOnlyDictionary<string, object?> parameters,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
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
                if (value is null or string)
                {
                    // PostgreSQL must know a parameter's type for "@lang IS NULL"; every nullable parameter here is text.
                    parameter.DbType = DbType.String;
                }

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
