using HelpCenter.Requests;
using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Contact;

/// <summary>Contact channels and their opening hours, bound from <c>HelpCenter:Contact</c>.</summary>
public sealed class ContactOptions
{
    public const string Section = "HelpCenter:Contact";

    /// <summary>Days (yyyy-MM-dd) on which channels with <see cref="ChannelSchedule.ClosedOnHolidays"/> are closed.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Largest screenshot accepted, in bytes.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public long MaxScreenshotBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Screenshots per request.</summary>
    [Range(0, 10)]
    public int MaxScreenshots { get; set; } = 3;

    /// <summary>How long a screenshot attached to a form that was sent back for another field is kept for the
    /// customer to send it again (the form carries it meanwhile).</summary>
    [Range(5, 10_080)]
    public int PendingScreenshotMinutes { get; set; } = 240;

    public ChannelSchedule Chat { get; set; } = new() { AlwaysOpen = true, ExpectedResponseMinutes = 5 };

    public ChannelSchedule Email { get; set; } = new() { AlwaysOpen = true, ExpectedResponseMinutes = 1440 };

    public ChannelSchedule Callback { get; set; } = new() { ExpectedResponseMinutes = 120 };

    public ChannelSchedule Phone { get; set; } = new() { ExpectedResponseMinutes = 10 };

    /// <summary>The channels a customer can choose, in the order they are offered (security reports have no hours).</summary>
    public static IReadOnlyList<RequestChannel> Channels { get; } = [RequestChannel.Chat, RequestChannel.Email, RequestChannel.Callback, RequestChannel.Phone];

    public ChannelSchedule For(RequestChannel channel) => channel switch
    {
        RequestChannel.Chat => Chat,
        RequestChannel.Email => Email,
        RequestChannel.Callback => Callback,
        RequestChannel.Phone => Phone,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a contact channel."),
    };
}

/// <summary>When one channel is open.</summary>
public sealed class ChannelSchedule
{
    public bool Enabled { get; set; } = true;

    /// <summary>24/7: days, times and holidays are ignored.</summary>
    public bool AlwaysOpen { get; set; }

    public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Opening time, HH:mm, in the site's time zone (<c>HelpCenter:TimeZone</c>).</summary>
    public string Opens { get; set; } = "10:00";

    /// <summary>Closing time, HH:mm (exclusive).</summary>
    public string Closes { get; set; } = "18:00";

    public bool ClosedOnHolidays { get; set; } = true;

    /// <summary>Shown to customers as the expected time to an answer.</summary>
    [Range(1, 10_080)]
    public int ExpectedResponseMinutes { get; set; } = 60;
}
