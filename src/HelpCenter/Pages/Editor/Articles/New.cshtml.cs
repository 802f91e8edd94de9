using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Editor.Articles;

/// <summary>
/// A new article, or with <c>from</c> a translation of one: the translation starts as a copy of the original's
/// front matter and Markdown (headings, tables, lists, images and links in place), to be translated in place.
/// </summary>
public sealed class NewModel(ArticleWorkflow workflow, ContentStore content, HelpCenterDbContext db, IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public ArticleInput Input { get; private set; } = new();

    public IReadOnlyList<EditorProblem> Problems { get; private set; } = [];

    public IReadOnlyList<Category> Categories => content.Current.Categories;

    /// <summary>The original this translation starts from.</summary>
    public ArticleRevision? Original { get; private set; }

    /// <summary><paramref name="title"/> is a working title (insights' "write an article" passes the failed query).</summary>
    public async Task OnGetAsync(string? lang, int? from, string? title, CancellationToken cancellationToken)
    {
        Input.Language = Languages.IsSupported(lang) ? lang! : Languages.Default;
        if (!string.IsNullOrWhiteSpace(title) && from is null)
        {
            Input.Title = title.Trim().Length > 200 ? title.Trim()[..200] : title.Trim();
        }
        if (from is not null)
        {
            Original = await db.ArticleRevisions.AsNoTracking().Include(r => r.Article)
                .Where(r => r.ArticleId == from && r.Number == r.Article.HeadNumber).FirstOrDefaultAsync(cancellationToken);
            if (Original is not null)
            {
                var copy = ArticleInput.From(Original.ToSource(), 0);
                copy.Language = Input.Language;
                Input = copy;
            }
        }
    }

    public async Task<IActionResult> OnPostAsync([Bind(Prefix = "Input")] ArticleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Input = input;
        if (!ModelState.IsValid)
        {
            Problems = ArticleChecks.Check(input.ToSource(), content.Current);
            return Page();
        }

        var (outcome, article) = await workflow.CreateAsync(input.ToSource(), input.Note, EditorActor.From(User), cancellationToken);
        if (outcome == WorkflowOutcome.SlugTaken)
        {
            ModelState.AddModelError("Input.Slug", localizer["Editor.Outcome.SlugTaken"]);
            Problems = ArticleChecks.Check(input.ToSource(), content.Current);
            return Page();
        }

        TempData["Done"] = "Editor.Created";
        return RedirectToPage("Edit", new { id = article!.Id });
    }
}
