using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Insights;

/// <summary>
/// What every insights page shares: the filter from the query string (period, language) and its tables, which the
/// page shows and <c>?handler=Csv&amp;table=id</c> exports cell for cell.
/// </summary>
public abstract class InsightsPageModel(SiteClock clock) : PageModel
{
    public InsightsFilter Filter { get; private set; } = InsightsFilter.Parse(null, null);

    public IReadOnlyList<InsightsTable> Tables { get; protected set; } = [];

    /// <summary>The page's name in export file names.</summary>
    protected abstract string Name { get; }

    public InsightsTable Table(string id) => Tables.First(t => t.Id == id);

    public async Task OnGetAsync(string? days, string? lang, CancellationToken cancellationToken)
    {
        Filter = InsightsFilter.Parse(days, lang);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(string? days, string? lang, string? table, CancellationToken cancellationToken)
    {
        Filter = InsightsFilter.Parse(days, lang);
        await LoadAsync(cancellationToken);
        if (Tables.FirstOrDefault(t => t.Id == table) is not { } found)
        {
            return NotFound();
        }

        var name = $"{Name}-{found.Id}-{Filter.Days}d{(Filter.Language is null ? "" : "-" + Filter.Language)}-{clock.Today:yyyyMMdd}.csv";
        return File(Csv.Write(found), "text/csv; charset=utf-8", name);
    }

    /// <summary>Reads the page's figures for <see cref="Filter"/> and fills <see cref="Tables"/>.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected RedirectToPageResult BackToPage() => RedirectToPage(Filter.RouteValues());
}
