using HelpCenter.Articles;
using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;
using HelpCenter.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Search;

public sealed class IndexModel(SearchService search, SearchAnalytics analytics, AnalyticsBudget budget, MostRead mostRead, ContentStore content, IOptions<SearchOptions> options,
    Infrastructure.Distributed.HelpCenterMetrics metrics) : PageModel
{
    public const int PopularCount = 5;

    [FromQuery(Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "category")]
    public string? Category { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string Language { get; } = Languages.Current;

    public SearchResults? Results { get; private set; }

    public Guid SearchKey { get; private set; }

    public int PageSize => options.Value.PageSize;

    public int TotalPages => Results is null ? 0 : (Results.Total + PageSize - 1) / PageSize;

    public ContentSnapshot Snapshot { get; } = content.Current;

    /// <summary>Shown when nothing matched, labelled as not matching: the most read articles of the category the query's
    /// words point to (<see cref="GuessedCategory"/>), or of all categories.</summary>
    public IReadOnlyList<Article> Popular { get; private set; } = [];

    /// <summary>When nothing matched: the category the query's known words point to, if any.</summary>
    public Category? GuessedCategory { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 1000);
        if (string.IsNullOrWhiteSpace(Query))
        {
            return;
        }

        var category = Snapshot.FindCategory(Category ?? "") is null ? null : Category;
        Results = search.Engine.Search(new SearchRequest(Query, Language, category, (PageNumber - 1) * PageSize, PageSize));
        metrics.SearchRan("page", Language);
        var session = VisitorCookie.GetOrCreate(HttpContext);
        if (Results.Query.Length > 0 && await budget.TryTakeAsync(HttpContext, hasQuestion: true))
        {
            SearchKey = analytics.RecordSearch(Results.Query, Language, category, Results.Total, "page", session);
        }

        if (Results.Total == 0 && Results.Facets.Count == 0)
        {
            GuessedCategory = Results.GuessedCategory is { } guessed ? Snapshot.FindCategory(guessed) : null;
            Popular = await mostRead.ArticlesAsync(Snapshot, Language, GuessedCategory?.Id, PopularCount, cancellationToken);
        }
    }

    public string CategoryName(string id) => Snapshot.FindCategory(id)?.Name(Language) ?? id;

    /// <summary>Page numbers shown in the pager: a few around the current one.</summary>
    public IEnumerable<int> PagerPages => Enumerable.Range(1, TotalPages).Where(p => Math.Abs(p - PageNumber) <= 3);

    public string PageUrl(int page, string? category) => SearchUrl(Query, page, category);

    /// <summary>The results page of another query (did you mean).</summary>
    public static string SearchUrl(string? query, int page = 1, string? category = null)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("q", query) };
        if (category is not null)
        {
            parameters.Add(new("category", category));
        }

        if (page > 1)
        {
            parameters.Add(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return "/search" + QueryString.Create(parameters).ToUriComponent();
    }

    public string ClickUrl(SearchHit hit, int index) =>
        $"/search/click?s={SearchKey:N}&lang={Language}&slug={Uri.EscapeDataString(hit.Slug)}&rank={((PageNumber - 1) * PageSize) + index + 1}";
}
