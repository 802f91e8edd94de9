using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Contact;

/// <summary>Contact channels and their opening hours, bound from <c>HelpCenter:Contact</c>.</summary>
public sealed class ContactOptions
{
    public const string Section = "HelpCenter:Contact";

    /// <summary>IANA time zone of the opening hours.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Days (yyyy-MM-dd) on which channels with <see cref="ChannelSchedule.ClosedOnHolidays"/> are closed.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>Largest screenshot accepted, in bytes.</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public long MaxScreenshotBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Screenshots per request.</summary>
    [Range(0, 10)]
    public int MaxScreenshots { get; set; } = 3;

    public ChannelSchedule Chat { get; set; } = new() { AlwaysOpen = true, ExpectedResponseMinutes = 5 };

    public ChannelSchedule Email { get; set; } = new() { AlwaysOpen = true, ExpectedResponseMinutes = 1440 };

    public ChannelSchedule Callback { get; set; } = new() { ExpectedResponseMinutes = 120 };

    public ChannelSchedule Phone { get; set; } = new() { ExpectedResponseMinutes = 10 };

    public ChannelSchedule For(Channel channel) => channel switch
    {
        Channel.Chat => Chat,
        Channel.Email => Email,
        Channel.Callback => Callback,
        _ => Phone,
    };
}

/// <summary>When one channel is open.</summary>
public sealed class ChannelSchedule
{
    public bool Enabled { get; set; } = true;

    /// <summary>24/7: days, times and holidays are ignored.</summary>
    public bool AlwaysOpen { get; set; }

    public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Opening time, HH:mm, in <see cref="ContactOptions.TimeZone"/>.</summary>
    public string Opens { get; set; } = "10:00";

    /// <summary>Closing time, HH:mm (exclusive).</summary>
    public string Closes { get; set; } = "18:00";

    public bool ClosedOnHolidays { get; set; } = true;

    /// <summary>Shown to customers as the expected time to an answer.</summary>
    [Range(1, 10_080)]
    public int ExpectedResponseMinutes { get; set; } = 60;
}

public enum Channel
{
    Chat,
    Email,
    Callback,
    Phone,
}
