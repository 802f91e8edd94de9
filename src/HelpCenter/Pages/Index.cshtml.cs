using HelpCenter.Articles;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HelpCenter.Pages;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(ContentStore content) : PageModel
{
    public const int FaqCount = 8;

    public string Language { get; } = Languages.Current;

    public IReadOnlyList<(Category Category, int Count)> Categories { get; private set; } = [];

    public IReadOnlyList<Article> Faqs { get; private set; } = [];

    public void OnGet()
    {
        var snapshot = content.Current;
        var visible = snapshot.VisibleIn(Language).ToList();
        Categories = snapshot.Categories
            .Select(c => (c, visible.Count(a => a.CategoryId == c.Id)))
            .Where(x => x.Item2 > 0)
            .ToList();
        var categoryOrder = snapshot.Categories.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        Faqs = visible.Where(a => a.Faq)
            .OrderBy(a => categoryOrder[a.CategoryId]).ThenBy(a => a.Order)
            .Take(FaqCount)
            .ToList();
    }
}
