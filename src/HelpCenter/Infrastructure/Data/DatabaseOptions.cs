using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Infrastructure.Data;

/// <summary>Database settings, bound from <c>HelpCenter:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "HelpCenter:Database";

    /// <summary>Only <c>Sqlite</c> today. The code is provider-neutral so that PostgreSQL can be added here.</summary>
    [Required]
    [RegularExpression("^Sqlite$", ErrorMessage = "HelpCenter:Database:Provider must be 'Sqlite' (PostgreSQL is planned for multi-node).")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string; empty means <c>helpcenter.db</c> in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a writer waits for the SQLite write lock before failing.</summary>
    [Range(100, 120_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 15_000;
}
