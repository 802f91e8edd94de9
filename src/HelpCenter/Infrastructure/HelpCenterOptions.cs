using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Infrastructure;

/// <summary>Site-wide settings, bound from the <c>HelpCenter</c> configuration section.</summary>
public sealed class HelpCenterOptions
{
    public const string Section = "HelpCenter";

    /// <summary>Folder holding the Markdown articles, <c>categories.yml</c> and <c>synonyms.txt</c>.
    /// Relative paths are resolved against the site root (the folder holding <c>wwwroot/</c>).</summary>
    [Required]
    public string ContentPath { get; set; } = "content";

    /// <summary>Folder for every piece of runtime data: database, search index, mail, uploads, keys.
    /// Relative paths are resolved against the site root. Created on first run.</summary>
    [Required]
    public string DataPath { get; set; } = "App_Data";

    /// <summary>How long to wait after the last change in the content folder before reloading,
    /// so that an editor saving ten files triggers one reload.</summary>
    [Range(50, 5000)]
    public int ContentReloadDelayMilliseconds { get; set; } = 300;

    /// <summary>How often each instance reads the database's content version to pick up what another instance
    /// published (its search index and cached pages follow within this period plus the reload).</summary>
    [Range(100, 60_000)]
    public int ContentVersionPollMilliseconds { get; set; } = 500;

    /// <summary>IANA time zone of the site: opening hours, reference numbers, daily reports and every time shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Written after times where a reader could take them for their own zone.</summary>
    [Required]
    [StringLength(16)]
    public string TimeZoneLabel { get; set; } = "JST";
}
