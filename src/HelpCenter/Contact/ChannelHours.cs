using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Contact;

/// <summary>Whether a channel is open now, and when it opens next, in the site's time zone.</summary>
public sealed class ChannelHours(IOptions<ContactOptions> options, SiteClock clock)
{
    private const int LookAheadDays = 14;
    private readonly ContactOptions _options = options.Value;
    private readonly HashSet<DateOnly> _holidays = options.Value.Holidays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();

    public ChannelStatus Status(RequestChannel channel) => Status(channel, clock.UtcNow);

    public ChannelStatus Status(RequestChannel channel, DateTimeOffset at)
    {
        var schedule = _options.For(channel);
        if (!schedule.Enabled)
        {
            return new ChannelStatus(channel, false, false, null, schedule.ExpectedResponseMinutes);
        }

        if (schedule.AlwaysOpen)
        {
            return new ChannelStatus(channel, true, true, null, schedule.ExpectedResponseMinutes);
        }

        var local = clock.ToLocal(at);
        var opens = TimeOnly.ParseExact(schedule.Opens, "HH:mm", CultureInfo.InvariantCulture);
        var closes = TimeOnly.ParseExact(schedule.Closes, "HH:mm", CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(local.DateTime);
        var now = TimeOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(schedule, today) && now >= opens && now < closes)
        {
            return new ChannelStatus(channel, true, true, null, schedule.ExpectedResponseMinutes);
        }

        for (var offset = 0; offset <= LookAheadDays; offset++)
        {
            var day = today.AddDays(offset);
            if (IsWorkingDay(schedule, day) && (offset > 0 || now < opens))
            {
                var opening = day.ToDateTime(opens);
                return new ChannelStatus(channel, true, false, clock.FromLocal(opening), schedule.ExpectedResponseMinutes);
            }
        }

        return new ChannelStatus(channel, true, false, null, schedule.ExpectedResponseMinutes);
    }

    /// <summary>The times each callback window stands for (the labels Contact.Window.* say the same); "any" is the desk's hours.</summary>
    public static readonly IReadOnlyDictionary<string, (TimeOnly From, TimeOnly To)?> CallbackWindows = new Dictionary<string, (TimeOnly From, TimeOnly To)?>
    {
        ["any"] = null,
        ["morning"] = (new TimeOnly(10, 0), new TimeOnly(12, 0)),
        ["afternoon"] = (new TimeOnly(13, 0), new TimeOnly(15, 0)),
        ["evening"] = (new TimeOnly(15, 0), new TimeOnly(18, 0)),
    };

    /// <summary>
    /// The day and times a callback requested at <paramref name="requestedAt"/> for <paramref name="window"/> is made, in
    /// the site's time zone: the same day if the window has not ended yet on a working day of the callback desk, else the
    /// desk's next working day. Worked out from the request's own time, so the answer does not drift when the page is
    /// read again tomorrow. Null when callbacks are switched off or no working day comes within two weeks.
    /// </summary>
    public CallbackSlot? CallbackSlot(DateTimeOffset requestedAt, string? window)
    {
        var schedule = _options.For(RequestChannel.Callback);
        if (!schedule.Enabled)
        {
            return null;
        }

        var (from, to) = CallbackWindows.GetValueOrDefault(window ?? "any") ?? (
            TimeOnly.ParseExact(schedule.Opens, "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(schedule.Closes, "HH:mm", CultureInfo.InvariantCulture));
        var local = clock.ToLocal(requestedAt);
        var today = DateOnly.FromDateTime(local.DateTime);
        var now = TimeOnly.FromDateTime(local.DateTime);
        for (var offset = 0; offset <= LookAheadDays; offset++)
        {
            var day = today.AddDays(offset);
            if ((schedule.AlwaysOpen || IsWorkingDay(schedule, day)) && (offset > 0 || now < to))
            {
                return new CallbackSlot(day, from, to);
            }
        }

        return null;
    }

    private bool IsWorkingDay(ChannelSchedule schedule, DateOnly day) =>
        schedule.Days.Contains(day.DayOfWeek) && !(schedule.ClosedOnHolidays && _holidays.Contains(day));
}

/// <summary>A channel's state at one moment.</summary>
public sealed record ChannelStatus(RequestChannel Channel, bool Enabled, bool IsOpen, DateTimeOffset? NextOpening, int ExpectedResponseMinutes);

/// <summary>The site-zone day and times of a callback.</summary>
public sealed record CallbackSlot(DateOnly Day, TimeOnly From, TimeOnly To);

/// <summary>Rejects a mistyped time or date at start, naming the setting.</summary>
public sealed class ContactOptionsValidator : IValidateOptions<ContactOptions>
{
    public ValidateOptionsResult Validate(string? name, ContactOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var holiday in options.Holidays)
        {
            if (!DateOnly.TryParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors.Add($"{ContactOptions.Section}:Holidays '{holiday}' is not a yyyy-MM-dd date.");
            }
        }

        foreach (var channel in ContactOptions.Channels)
        {
            var schedule = options.For(channel);
            var opens = TimeOnly.TryParseExact(schedule.Opens, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var o);
            var closes = TimeOnly.TryParseExact(schedule.Closes, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var c);
            if (!opens || !closes || o >= c)
            {
                errors.Add($"{ContactOptions.Section}:{channel}: Opens '{schedule.Opens}' and Closes '{schedule.Closes}' must be HH:mm times, opening first.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
