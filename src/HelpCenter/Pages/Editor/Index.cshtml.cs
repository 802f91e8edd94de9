using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Editor;

/// <summary>The console's article list for one language, with filters and badges.</summary>
public sealed class IndexModel(ArticleOverview overview, ContentStore content, IOptions<EditorOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Lang { get; set; } = Languages.Default;

    [BindProperty(SupportsGet = true)]
    public ArticleStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    /// <summary>Words of the title or the slug.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>"problems", "stale" or "file": only articles with that badge.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Flag { get; set; }

    public IReadOnlyList<ArticleRow> Rows { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public EditorOptions Options => options.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Languages.IsSupported(Lang))
        {
            Lang = Languages.Default;
        }

        Categories = content.Current.Categories;
        var q = Q?.Trim();
        Rows = (await overview.RowsAsync(cancellationToken))
            .Where(r => r.Article.Language == Lang)
            .Where(r => Status is null || r.Status == Status)
            .Where(r => string.IsNullOrEmpty(Category) || r.Head.CategoryId == Category)
            .Where(r => string.IsNullOrEmpty(q) || r.Head.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || r.Article.Slug.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Where(r => Flag switch
            {
                "problems" => r.Problems > 0,
                "stale" => r.Stale,
                "file" => r.Article.FileReplacedBrowserEdit,
                _ => true,
            })
            .OrderByDescending(r => r.Article.ChangedAt)
            .ToList();
    }

    public string CategoryName(string id) => content.Current.FindCategory(id)?.Name(Languages.Current) ?? id;
}
