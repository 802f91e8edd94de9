using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Insights;

/// <summary>How articles do: views, votes with readable comments (and a "done" mark), read before a contact, never
/// opened, stale translations.</summary>
public sealed class ArticlesModel(ArticleInsights insights, SiteClock clock, IStringLocalizer<SharedResource> localizer) : InsightsPageModel(clock)
{
    private readonly SiteClock _clock = clock;

    public ArticleInsights.Report Report { get; private set; } = default!;

    protected override string Name => "articles";

    public async Task<IActionResult> OnPostDoneAsync(long id, bool done, string? days, string? lang, CancellationToken cancellationToken)
    {
        await OnGetAsync(days, lang, cancellationToken);
        return await insights.MarkDoneAsync(id, done, cancellationToken) ? BackToPage() : NotFound();
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Report = await insights.BuildAsync(Filter, cancellationToken);
        var language = Languages.Current;
        Tables =
        [
            new InsightsTable("days", localizer["Insights.ViewsByDay"], [localizer["Insights.Day"], localizer["Insights.Views"]],
                Report.ByDay.Select(d => (IReadOnlyList<string>)[d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SearchModel.Count(d.Views)]).ToList())
            {
                NumericColumns = new HashSet<int> { 1 },
            },
            ArticleTable("most-viewed", localizer["Insights.MostViewed"], Report.MostViewed),
            ArticleTable("not-helpful", localizer["Insights.MostNotHelpful"], Report.MostNotHelpful),
            new InsightsTable("comments", localizer["Insights.Comments"],
                [localizer["Insights.Article"], localizer["Insights.Language"], localizer["Insights.Vote"], localizer["Insights.Comment"], localizer["Insights.When"], localizer["Insights.Done"]],
                Report.Comments.Select(c => (IReadOnlyList<string>)[c.Title, c.Language, c.Helpful ? localizer["Insights.Helpful"] : localizer["Insights.NotHelpful"], c.Comment,
                    _clock.Format(c.At, TimeFormat.DateTime, language), c.Done ? localizer["Insights.DoneYes"] : ""]).ToList()),
            ArticleTable("before-contact", localizer["Insights.ReadBeforeContact"], Report.BeforeContact),
            new InsightsTable("not-viewed", localizer["Insights.NotViewed"], [localizer["Insights.Article"], localizer["Insights.Language"], localizer["Insights.Category"]],
                Report.NotViewed.Select(a => (IReadOnlyList<string>)[a.Title, a.Language, a.CategoryId]).ToList()),
            new InsightsTable("stale", localizer["Insights.StaleTranslations"], [localizer["Insights.Article"], localizer["Insights.Language"], localizer["Insights.Views"]],
                Report.StaleTranslations.Select(a => (IReadOnlyList<string>)[a.Title, a.Language, SearchModel.Count(a.Views)]).ToList())
            {
                NumericColumns = new HashSet<int> { 2 },
            },
        ];
    }

    private InsightsTable ArticleTable(string id, string caption, IReadOnlyList<ArticleInsights.ArticleRow> rows) => new(id, caption,
        [localizer["Insights.Article"], localizer["Insights.Language"], localizer["Insights.Views"], localizer["Insights.Helpful"], localizer["Insights.NotHelpful"],
            localizer["Insights.HelpfulShare"], localizer["Insights.Comments"], localizer["Insights.ReadBeforeContactShort"]],
        rows.Select(r => (IReadOnlyList<string>)[r.Title, r.Language, SearchModel.Count(r.Views), SearchModel.Count(r.Helpful), SearchModel.Count(r.NotHelpful),
            r.HelpfulShare is { } share ? SearchModel.Percent(share) : "-", SearchModel.Count(r.Comments), SearchModel.Count(r.BeforeContact)]).ToList())
    {
        NumericColumns = new HashSet<int> { 2, 3, 4, 5, 6, 7 },
    };
}
