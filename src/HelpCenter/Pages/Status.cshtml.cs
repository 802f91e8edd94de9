using HelpCenter.Articles;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages;

/// <summary>Friendly pages for 404, 429 and other status codes, re-executed by the status code middleware.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel(ContentStore content) : PageModel
{
    public int Code { get; private set; }

    public IReadOnlyList<Article> Popular { get; private set; } = [];

    public string Language { get; } = Languages.Current;

    public void OnGet(int code) => Prepare(code);

    public void OnPost(int code) => Prepare(code);

    private void Prepare(int code)
    {
        // Requested directly (/status/404) rather than re-executed: answer with that status anyway.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
        Popular = content.Current.VisibleIn(Language).Where(a => a.Faq).OrderBy(a => a.Order).Take(5).ToList();
    }
}
