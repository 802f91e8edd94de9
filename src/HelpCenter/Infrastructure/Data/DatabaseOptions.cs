using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Infrastructure.Data;

/// <summary>Database settings, bound from <c>HelpCenter:Database</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "HelpCenter:Database";

    public const string Sqlite = "Sqlite";

    public const string PostgreSql = "PostgreSQL";

    /// <summary><c>Sqlite</c> (one instance, the file in the data folder) or <c>PostgreSQL</c> (several instances).</summary>
    [Required]
    [RegularExpression("^(Sqlite|PostgreSQL)$", ErrorMessage = "HelpCenter:Database:Provider must be 'Sqlite' or 'PostgreSQL'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>Connection string; for SQLite, empty means <c>helpcenter.db</c> in the data folder; required for PostgreSQL
    /// (an Npgsql connection string: <c>Host=db;Database=helpcenter;Username=helpcenter;Password=...</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for the SQLite write lock before failing (SQLite only).</summary>
    [Range(100, 120_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 15_000;

    /// <summary>How often an instance that does not hold a background job's lease asks for it again, so how long a job
    /// may pause after the instance running it dies (PostgreSQL; with SQLite the one instance always holds it).</summary>
    [Range(1, 3600)]
    public int LeaseRetrySeconds { get; set; } = 15;

    public bool IsPostgreSql => string.Equals(Provider, PostgreSql, StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "HelpCenter:Database:ConnectionString is required when HelpCenter:Database:Provider is 'PostgreSQL'.",
                [nameof(ConnectionString)]);
        }
    }
}
