using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Infrastructure;

/// <summary>Limits for public forms, per client IP, bound from <c>HelpCenter:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "HelpCenter:RateLimits";

    public const string PublicFormPolicy = "public-form";

    public const string SearchApiPolicy = "search-api";

    /// <summary>Submissions of public forms (feedback...) allowed per IP within <see cref="PublicFormWindowSeconds"/>.</summary>
    [Range(1, 100_000)]
    public int PublicFormPermits { get; set; } = 20;

    [Range(1, 86_400)]
    public int PublicFormWindowSeconds { get; set; } = 60;

    /// <summary>Calls to /api/search and /api/suggest per IP per minute (the typeahead calls once per pause in typing).</summary>
    [Range(1, 100_000)]
    public int SearchApiPermitsPerMinute { get; set; } = 240;

    /// <summary>Analytics rows (searches, contact flows) an anonymous visitor's page views may write per minute
    /// (<see cref="AnalyticsBudget"/>); beyond it the page still answers, nothing is recorded.</summary>
    [Range(1, 100_000)]
    public int AnalyticsWritesPerVisitorPerMinute { get; set; } = 30;

    /// <summary>The same per client address, whatever cookies the requests carry.</summary>
    [Range(1, 1_000_000)]
    public int AnalyticsWritesPerIpPerMinute { get; set; } = 300;
}
