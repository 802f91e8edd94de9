using System.Globalization;
using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using HelpCenter.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Insights;

/// <summary>The contact flow's deflection funnel by day, topic, language and entry page, beside the flow's suggestion
/// settings.</summary>
public sealed class DeflectionModel(DeflectionReport reports, IOptions<DeflectionOptions> settings, SiteClock clock, IStringLocalizer<SharedResource> localizer)
    : InsightsPageModel(clock)
{
    public DeflectionReport.Report Report { get; private set; } = default!;

    public DeflectionOptions Settings => settings.Value;

    protected override string Name => "deflection";

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Report = await reports.BuildAsync(Filter, cancellationToken);
        Tables =
        [
            Funnel("days", localizer["Insights.FunnelByDay"], localizer["Insights.Day"], Report.ByDay),
            Funnel("topics", localizer["Deflection.ByCategory"], localizer["Request.Topic"], Report.ByTopic),
            Funnel("languages", localizer["Insights.FunnelByLanguage"], localizer["Insights.Language"], Report.ByLanguage),
            Funnel("entry-pages", localizer["Insights.FunnelByEntryPage"], localizer["Insights.EntryPage"], Report.ByEntryPage),
            new InsightsTable("channels", localizer["Deflection.ByChannel"], [localizer["Insights.Channel"], localizer["Insights.Requests"]],
                Report.ByChannel.Select(c => (IReadOnlyList<string>)[localizer["Request.Channel." + c.Key], SearchModel.Count(c.Value)]).ToList())
            {
                NumericColumns = new HashSet<int> { 1 },
            },
        ];
    }

    private InsightsTable Funnel(string id, string caption, string key, IReadOnlyList<DeflectionReport.Row> rows) => new(id, caption,
        [key, localizer["Deflection.Started"], localizer["Deflection.Shown"], localizer["Deflection.Opened"], localizer["Deflection.Solved"],
            localizer["Deflection.Escalated"], localizer["Deflection.CameBack"], localizer["Deflection.Rate"]],
        rows.Select(r => (IReadOnlyList<string>)[r.Key, SearchModel.Count(r.Started), SearchModel.Count(r.Shown), SearchModel.Count(r.Opened),
            SearchModel.Count(r.Solved), SearchModel.Count(r.Escalated), SearchModel.Count(r.CameBack), SearchModel.Percent(r.Rate)]).ToList())
    {
        NumericColumns = new HashSet<int> { 1, 2, 3, 4, 5, 6, 7 },
    };

    public static string Day(string key) => DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
        ? day.ToString("MM-dd", CultureInfo.InvariantCulture) : key;
}
