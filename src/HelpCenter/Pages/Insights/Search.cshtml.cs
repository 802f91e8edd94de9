using System.ComponentModel.DataAnnotations;
using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Insights;

/// <summary>What customers search and fail to find, with the fixes one click away: add a synonym, write an article,
/// dismiss.</summary>
public sealed class SearchModel(SearchInsights insights, SiteClock clock, IStringLocalizer<SharedResource> localizer) : InsightsPageModel(clock)
{
    public SearchInsights.Report Report { get; private set; } = default!;

    protected override string Name => "search";

    public sealed class QueryInput
    {
        [Required, RegularExpression("^(ja|en|zh)$")]
        public string Language { get; set; } = "";

        [Required, StringLength(HelpCenter.Search.SearchLog.QueryMaxLength)]
        public string Query { get; set; } = "";
    }

    public async Task<IActionResult> OnPostDismissAsync([Bind(Prefix = "Dismiss")] QueryInput input, string? days, string? lang, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await OnGetAsync(days, lang, cancellationToken);
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        await insights.DismissAsync(input.Language, input.Query, User.Identity?.Name ?? "", cancellationToken);
        return BackToPage();
    }

    public async Task<IActionResult> OnPostRestoreAsync([Bind(Prefix = "Dismiss")] QueryInput input, string? days, string? lang, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        await insights.RestoreAsync(input.Language, input.Query, cancellationToken);
        await OnGetAsync(days, lang, cancellationToken);
        return BackToPage();
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Report = await insights.BuildAsync(Filter, cancellationToken);
        Tables =
        [
            new InsightsTable("days", localizer["Insights.SearchesByDay"], [localizer["Insights.Day"], localizer["Insights.Searches"], localizer["Insights.NoResult"], localizer["Insights.Clicks"]],
                Report.ByDay.Select(d => (IReadOnlyList<string>)[d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Count(d.Searches), Count(d.NoResult), Count(d.Clicks)]).ToList())
            {
                NumericColumns = new HashSet<int> { 1, 2, 3 },
            },
            QueryTable("top", localizer["Insights.TopQueries"], Report.Top),
            QueryTable("no-result", localizer["Insights.NoResultQueries"], Report.NoResult),
            QueryTable("no-click", localizer["Insights.NoClickQueries"], Report.NoClick),
            QueryTable("contact", localizer["Insights.FollowedByContact"], Report.FollowedByContact),
        ];
    }

    private InsightsTable QueryTable(string id, string caption, IReadOnlyList<SearchInsights.QueryRow> rows) => new(id, caption,
        [localizer["Insights.Query"], localizer["Insights.Language"], localizer["Insights.Searches"], localizer["Insights.NoResult"], localizer["Insights.NoClick"],
            localizer["Insights.ClickThrough"], localizer["Insights.MeanRank"], localizer["Insights.ContactWithin30"]],
        rows.Select(r => (IReadOnlyList<string>)[r.Query, r.Language, Count(r.Searches), Count(r.NoResult), Count(r.NoClick), Percent(r.ClickThrough),
            Rank(r.MeanRank), Count(r.FollowedByContact)]).ToList())
    {
        NumericColumns = new HashSet<int> { 2, 3, 4, 5, 6, 7 },
    };

    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Rank(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
