using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Analytics;

/// <summary>The analytics event pipeline, bound from <c>HelpCenter:Analytics</c>.</summary>
public sealed class AnalyticsOptions
{
    public const string Section = "HelpCenter:Analytics";

    /// <summary>Events waiting to be written; when full, new events are counted and dropped (requests never wait).</summary>
    [Range(100, 1_000_000)]
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>How long the writer gathers events after the first one before writing them in one transaction.</summary>
    [Range(10, 1000)]
    public int BatchDelayMilliseconds { get; set; } = 250;

    /// <summary>Most events in one transaction.</summary>
    [Range(1, 100_000)]
    public int MaxBatchSize { get; set; } = 2_000;
}
