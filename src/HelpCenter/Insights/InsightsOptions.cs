using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Insights;

/// <summary>The insights pages, bound from <c>HelpCenter:Insights</c>.</summary>
public sealed class InsightsOptions
{
    public const string Section = "HelpCenter:Insights";

    /// <summary>Most rows in one table of a page (the CSV export has the same rows).</summary>
    [Range(10, 10_000)]
    public int RowsPerTable { get; set; } = 50;

    /// <summary>Days raw analytics events (searches, article views, contact flows) are kept; 0 keeps them for ever.
    /// The daily aggregates the pages read are kept; raw events of days not rolled up yet are never deleted.</summary>
    [Range(0, 3650)]
    public int RawEventRetentionDays { get; set; } = 400;

    /// <summary>Minutes between two roll-ups of closed days into the daily aggregates (the first at start); 0 turns the
    /// roll-up off, and the pages then compute everything from the raw events (slow with millions of them).</summary>
    [Range(0, 1440)]
    public int RollupIntervalMinutes { get; set; } = 60;
}
