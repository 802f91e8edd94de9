using HelpCenter.Articles;
using HelpCenter.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HelpCenter.Pages.Categories;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ShowModel(ContentStore content) : PageModel
{
    [FromRoute]
    public string Lang { get; set; } = "";

    [FromRoute]
    public string Id { get; set; } = "";

    public Category Category { get; private set; } = default!;

    public IReadOnlyList<Article> Articles { get; private set; } = [];

    public IActionResult OnGet()
    {
        var snapshot = content.Current;
        if (snapshot.FindCategory(Id) is not { } category)
        {
            return NotFound();
        }

        Category = category;
        Articles = snapshot.VisibleIn(Lang)
            .Where(a => a.CategoryId == Id)
            .OrderBy(a => a.Order).ThenBy(a => a.Title, StringComparer.Ordinal)
            .ToList();
        return Page();
    }
}
