using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using HelpCenter.Localization;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Insights;

/// <summary>The support desk: volume by channel and hour, chat waits, response and handle times, resolutions, surveys,
/// open requests by age.</summary>
public sealed class SupportModel(SupportInsights insights, SiteClock clock, IStringLocalizer<SharedResource> localizer) : InsightsPageModel(clock)
{
    public SupportInsights.Report Report { get; private set; } = default!;

    protected override string Name => "support";

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Report = await insights.BuildAsync(Filter, cancellationToken);
        var channels = Report.Channels.Select(c => localizer["Request.Channel." + c].Value).ToList();
        Tables =
        [
            new InsightsTable("hours", localizer["Insights.VolumeByHour", Clock.ZoneLabel], [localizer["Insights.Hour"], .. channels, localizer["Insights.Total"]],
                Report.ByHour.Select((counts, hour) => (IReadOnlyList<string>)[$"{hour:00}:00", .. counts.Select(SearchModel.Count), SearchModel.Count(counts.Sum())]).ToList())
            {
                NumericColumns = Enumerable.Range(1, channels.Count + 1).ToHashSet(),
            },
            new InsightsTable("timings", localizer["Insights.Timings"],
                [localizer["Insights.Channel"], localizer["Insights.WaitMedian"], localizer["Insights.WaitP90"], localizer["Insights.FirstResponseMedian"],
                    localizer["Insights.FirstResponseP90"], localizer["Insights.HandleMedian"], localizer["Insights.HandleP90"]],
                Report.Timings.Select(t => (IReadOnlyList<string>)[localizer["Request.Channel." + t.Key], Duration(t.Wait.Median), Duration(t.Wait.P90),
                    Duration(t.FirstResponse.Median), Duration(t.FirstResponse.P90), Duration(t.Handle.Median), Duration(t.Handle.P90)]).ToList())
            {
                NumericColumns = new HashSet<int> { 1, 2, 3, 4, 5, 6 },
            },
            new InsightsTable("resolutions", localizer["Insights.Resolutions"], [localizer["Insights.Resolution"], localizer["Insights.Requests"]],
                Report.Resolutions.Select(r => (IReadOnlyList<string>)[r.Resolution, SearchModel.Count(r.Count)]).ToList())
            {
                NumericColumns = new HashSet<int> { 1 },
            },
            Survey("survey-operators", localizer["Insights.SurveyByOperator"], localizer["Insights.Operator"], Report.SurveyByOperator),
            Survey("survey-languages", localizer["Insights.SurveyByLanguage"], localizer["Insights.Language"], Report.SurveyByLanguage),
            new InsightsTable("open", localizer["Insights.OpenByAge"], [localizer["Insights.Channel"], .. SupportInsights.AgeBuckets.Select(b => localizer["Insights.Age." + b.Key].Value)],
                Report.OpenByAge.Select(o => (IReadOnlyList<string>)[localizer["Request.Channel." + o.Channel], .. o.ByAge.Select(SearchModel.Count)]).ToList())
            {
                NumericColumns = Enumerable.Range(1, SupportInsights.AgeBuckets.Count).ToHashSet(),
            },
        ];
    }

    private SiteClock Clock { get; } = clock;

    private InsightsTable Survey(string id, string caption, string key, IReadOnlyList<SupportInsights.SurveyRow> rows) => new(id, caption,
        [key, localizer["Insights.Answers"], localizer["Insights.Average"], "1", "2", "3", "4", "5"],
        rows.Select(r => (IReadOnlyList<string>)[r.Key, SearchModel.Count(r.Answers), r.Average is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "-",
            .. r.ByRating.Select(SearchModel.Count)]).ToList())
    {
        NumericColumns = Enumerable.Range(1, 7).ToHashSet(),
    };

    /// <summary>A duration as h:mm:ss (hours may pass 24), or "-" when nothing was measured.</summary>
    public static string Duration(TimeSpan? value) => value is { } v
        ? $"{(int)v.TotalHours}:{v.Minutes:00}:{v.Seconds:00}"
        : "-";
}
