using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Editor.Articles;

/// <summary>Every revision of an article, a word-level diff between any two, one revision's text, and restore.</summary>
public sealed class HistoryModel(ArticleWorkflow workflow, HelpCenterDbContext db) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    /// <summary>A revision whose whole text is shown.</summary>
    [BindProperty(SupportsGet = true)]
    public int? View { get; set; }

    public StoredArticle Article { get; private set; } = default!;

    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];

    public IReadOnlyDictionary<long, int> CommentCounts { get; private set; } = new Dictionary<long, int>();

    public IReadOnlyList<DiffPiece>? Diff { get; private set; }

    public ArticleRevision? Viewed { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public EditorOptions Options => workflow.Options;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == Id).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        CommentCounts = await db.RevisionComments.AsNoTracking().Where(c => db.ArticleRevisions.Any(r => r.Id == c.RevisionId && r.ArticleId == Id))
            .GroupBy(c => c.RevisionId).ToDictionaryAsync(g => g.Key, g => g.Count(), cancellationToken);
        // Without a choice, the newest change is shown.
        if (From is null && To is null && Revisions.Count > 1)
        {
            (From, To) = (Revisions[1].Number, Revisions[0].Number);
        }

        var from = Revisions.FirstOrDefault(r => r.Number == From);
        var to = Revisions.FirstOrDefault(r => r.Number == To);
        if (from is not null && to is not null)
        {
            Diff = RevisionDiff.Words(Text(from), Text(to));
        }

        Viewed = Revisions.FirstOrDefault(r => r.Number == View);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int number, CancellationToken cancellationToken)
    {
        var (outcome, restored) = await workflow.RestoreAsync(Id, number, EditorActor.From(User), cancellationToken);
        if (outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        Done = outcome == WorkflowOutcome.Done ? "Editor.Restored" : "Editor.Outcome.Conflict";
        return RedirectToPage(new { Id, from = number, to = restored > 0 ? restored : (int?)null });
    }

    /// <summary>The revision as a file: front matter and body, so that a diff shows changed fields too.</summary>
    public string Text(ArticleRevision revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        return revision.ToSource(Article.Language, Article.Slug).ToFileText(Article.Slug + ".md");
    }
}
