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
    /// The pages look back at most 90 days.</summary>
    [Range(0, 3650)]
    public int RawEventRetentionDays { get; set; } = 400;
}
