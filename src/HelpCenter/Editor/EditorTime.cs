using System.Globalization;

namespace HelpCenter.Editor;

/// <summary>
/// Publication times as editors type them: a date and a time to the minute in <see cref="EditorOptions.TimeZone"/>
/// (Japan). Kept here until the site has one clock and time-zone service.
/// </summary>
public static class EditorTime
{
    public static TimeZoneInfo Zone(EditorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
    }

    /// <summary>"2026-12-01" and "10:00" in the editors' zone as an instant; null when either is missing or malformed.</summary>
    public static DateTimeOffset? Parse(string? date, string? time, EditorOptions options)
    {
        if (!DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !TimeOnly.TryParseExact(time?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            return null;
        }

        var zone = Zone(options);
        var local = day.ToDateTime(clock, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>An instant as the editors read it: "2026-12-01 10:00".</summary>
    public static string Format(DateTimeOffset instant, EditorOptions options) =>
        TimeZoneInfo.ConvertTime(instant, Zone(options)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
