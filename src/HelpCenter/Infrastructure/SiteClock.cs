using System.Globalization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>How a moment is written on a page or in a mail.</summary>
public enum TimeFormat
{
    /// <summary>The day only.</summary>
    Date,

    /// <summary>Day, hours and minutes: lists and conversations.</summary>
    DateTime,

    /// <summary>Day and time to the second: the audit log.</summary>
    DateTimeSeconds,

    /// <summary>Month, day and time without the year: the next opening of a channel.</summary>
    MonthDayTime,

    /// <summary>Hours and minutes: messages of one chat.</summary>
    Time,
}

/// <summary>
/// The site's one clock: "now", the site's time zone (<see cref="HelpCenterOptions.TimeZone"/>, Japan by default,
/// whatever the server's own zone) and how a moment is written in each language. Reference numbers, opening hours,
/// daily reports, pages and mails all go through it, so changing the time zone changes all of them.
/// </summary>
public sealed class SiteClock(TimeProvider time, IOptions<HelpCenterOptions> options)
{
    private readonly HelpCenterOptions _options = options.Value;

    /// <summary>The site's time zone.</summary>
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>IANA id of the site's time zone, for scripts that format times in the browser.</summary>
    public string ZoneId => _options.TimeZone;

    /// <summary>Short name written after times that readers may take for their own zone (JST).</summary>
    public string ZoneLabel => _options.TimeZoneLabel;

    public DateTimeOffset UtcNow => time.GetUtcNow();

    /// <summary>Now, in the site's time zone.</summary>
    public DateTimeOffset Now => ToLocal(time.GetUtcNow());

    public DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The site-zone day of a moment, e.g. for reference numbers and daily reports.</summary>
    public DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at).DateTime);

    /// <summary>The moment a site-zone wall-clock time names (an editor's "publish at 2026-12-01 09:00").</summary>
    public DateTimeOffset FromLocal(DateTime wallClock)
    {
        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>"2026-12-01" and "10:00" typed as a wall-clock time in the site's zone (an editor's schedule), as a
    /// moment; null when either is missing or malformed.</summary>
    public DateTimeOffset? ParseLocal(string? date, string? time) =>
        DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        && TimeOnly.TryParseExact(time?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? FromLocal(day.ToDateTime(at))
            : null;

    /// <summary>A moment written for readers of <paramref name="language"/> (ja, en, zh), in the site's time zone.</summary>
    public string Format(DateTimeOffset at, TimeFormat format, string language, bool withZone = false)
    {
        var culture = CultureInfo.GetCultureInfo(Localization.Languages.ToCultureName(language));
        var text = ToLocal(at).ToString(Pattern(format, language), culture);
        return withZone ? $"{text} {ZoneLabel}" : text;
    }

    /// <summary>A site-zone day with its weekday, for readers of <paramref name="language"/>: 2026年11月30日（月）, Mon 30 Nov 2026.</summary>
    public static string FormatDay(DateOnly day, string language)
    {
        var culture = CultureInfo.GetCultureInfo(Localization.Languages.ToCultureName(language));
        return day.ToString(language == "en" ? "ddd d MMM yyyy" : "yyyy年M月d日（ddd）", culture);
    }

    private static string Pattern(TimeFormat format, string language) => (language, format) switch
    {
        (_, TimeFormat.Time) => "HH:mm",
        ("en", TimeFormat.Date) => "d MMM yyyy",
        ("en", TimeFormat.DateTime) => "d MMM yyyy HH:mm",
        ("en", TimeFormat.DateTimeSeconds) => "d MMM yyyy HH:mm:ss",
        ("en", TimeFormat.MonthDayTime) => "d MMM HH:mm",
        ("zh", TimeFormat.MonthDayTime) => "M月d日 HH:mm",
        ("ja", TimeFormat.MonthDayTime) => "M月d日 HH:mm",
        (_, TimeFormat.Date) => "yyyy-MM-dd",
        (_, TimeFormat.DateTime) => "yyyy-MM-dd HH:mm",
        (_, TimeFormat.DateTimeSeconds) => "yyyy-MM-dd HH:mm:ss",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}

/// <summary>Rejects an unknown time zone at start, naming the setting.</summary>
public sealed class HelpCenterOptionsValidator : IValidateOptions<HelpCenterOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpCenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{HelpCenterOptions.Section}:TimeZone '{options.TimeZone}' is not a known time zone (an IANA name such as Asia/Tokyo).");
    }
}
