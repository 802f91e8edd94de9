using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpCenter.Infrastructure.TagHelpers;

/// <summary>
/// A moment in the site's time zone, written for the page's language, with a machine-readable <c>datetime</c>:
/// <c>&lt;time at="@request.CreatedAt" format="DateTime"&gt;&lt;/time&gt;</c>; <c>zone</c> adds the zone's label.
/// </summary>
[HtmlTargetElement("time", Attributes = "at")]
public sealed class TimeTagHelper(SiteClock clock) : TagHelper
{
    public DateTimeOffset At { get; set; }

    public TimeFormat Format { get; set; } = TimeFormat.DateTime;

    /// <summary>Write the time zone's label (JST) after the time.</summary>
    public bool Zone { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Attributes.SetAttribute("datetime", At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        output.Content.SetContent(clock.Format(At, Format, Localization.Languages.Current, Zone));
    }
}
