using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;

namespace HelpCenter.Insights;

/// <summary>
/// What every insights page shows: the last <see cref="Days"/> days (site time zone, today included) and one language
/// or all. Built from the query string; anything unknown falls back to the default (30 days, every language), so a
/// hand-edited link never fails.
/// </summary>
public sealed record InsightsFilter(int Days, string? Language)
{
    public static readonly IReadOnlyList<int> Presets = [7, 30, 90];

    public const int DefaultDays = 30;

    public static InsightsFilter Parse(string? days, string? language) => new(
        int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && Presets.Contains(d) ? d : DefaultDays,
        Languages.IsSupported(language) ? language : null);

    /// <summary>The first moment of the range: midnight (site time zone) <see cref="Days"/> - 1 days before today.</summary>
    public DateTimeOffset From(SiteClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.FromLocal(clock.Today.AddDays(1 - Days).ToDateTime(TimeOnly.MinValue)).ToUniversalTime();
    }

    /// <summary>The site-zone days of the range, oldest first.</summary>
    public IReadOnlyList<DateOnly> DaysOf(SiteClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var today = clock.Today;
        return Enumerable.Range(0, Days).Select(i => today.AddDays(i + 1 - Days)).ToList();
    }

    /// <summary>Route values for links that keep the filter.</summary>
    public Dictionary<string, string> RouteValues() => Language is null
        ? new() { ["days"] = Days.ToString(CultureInfo.InvariantCulture) }
        : new() { ["days"] = Days.ToString(CultureInfo.InvariantCulture), ["lang"] = Language };
}
