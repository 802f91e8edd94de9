using HelpCenter.Articles;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace HelpCenter.Pages.Faq;

[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(ContentStore content) : PageModel
{
    public string Language { get; } = Languages.Current;

    public IReadOnlyList<(Category Category, IReadOnlyList<Article> Articles)> Groups { get; private set; } = [];

    public void OnGet()
    {
        var snapshot = content.Current;
        var faqs = snapshot.VisibleIn(Language).Where(a => a.Faq).ToList();
        Groups = snapshot.Categories
            .Select(c => (c, (IReadOnlyList<Article>)faqs.Where(a => a.CategoryId == c.Id).OrderBy(a => a.Order).ToList()))
            .Where(g => g.Item2.Count > 0)
            .ToList();
    }
}
