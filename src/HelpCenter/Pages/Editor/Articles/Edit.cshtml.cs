using System.ComponentModel.DataAnnotations;
using HelpCenter.Articles;
using HelpCenter.Contact;
using HelpCenter.Editor;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Editor.Articles;

/// <summary>
/// One article in the console: the form (front matter fields and Markdown), its problems, the preview, the publishing
/// steps, images and comments. Each form posts to its own handler with its own input model.
/// </summary>
public sealed class EditModel(ArticleWorkflow workflow, ContentStore content, ArticleImages images, HelpCenterDbContext db, SiteClock clock,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public StoredArticle Article { get; private set; } = default!;

    public ArticleRevision Head { get; private set; } = default!;

    public ArticleInput Input { get; private set; } = new();

    public StepInput Step { get; private set; } = new();

    public IReadOnlyList<EditorProblem> Problems { get; private set; } = [];

    public IReadOnlyList<RevisionComment> Comments { get; private set; } = [];

    public IReadOnlyList<ArticleImage> Images { get; private set; } = [];

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>Set when a save was refused because someone saved first: their revision, shown next to the form.</summary>
    public ArticleRevision? Theirs { get; private set; }

    public IReadOnlyList<DiffPiece> ConflictDiff { get; private set; } = [];

    public bool RequiresReview { get; private set; }

    /// <summary>A revision is waiting for review and this editor did not write it.</summary>
    public bool CanApprove { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Resource key of the last step's confirmation.</summary>
    [TempData]
    public string? Done { get; set; }

    public EditorOptions Options => workflow.Options;

    /// <summary>Publishing steps: the revision they apply to (the one the editor saw) and an optional time in Japan.</summary>
    public sealed class StepInput
    {
        public int Number { get; set; }

        [RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Editor.DateFormat")]
        public string? Date { get; set; }

        [RegularExpression(@"^\d{2}:\d{2}$", ErrorMessage = "Editor.TimeFormat")]
        public string? Time { get; set; }
    }

    public sealed class CommentInput
    {
        public int Number { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(RevisionComment.TextMaxLength, ErrorMessage = "Validation.TooLong")]
        public string Text { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = ArticleInput.From(Head.ToSource(), Head.Number);
        Problems = ArticleChecks.Check(Input.ToSource(), content.Current);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync([Bind(Prefix = "Input")] ArticleInput input, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // The slug and language belong to the article; the form shows them but they are not changed here.
        input.Slug = Article.Slug;
        input.Language = Article.Language;
        Input = input;
        if (!ModelState.IsValid)
        {
            Problems = ArticleChecks.Check(input.ToSource(), content.Current);
            return Page();
        }

        var (outcome, number) = await workflow.SaveAsync(Id, input.BaseNumber, input.ToSource(), input.Note, EditorActor.From(User), cancellationToken);
        if (outcome == WorkflowOutcome.Conflict)
        {
            // Nothing typed is lost: the form keeps the editor's text, their revision is shown beside it, and the next
            // save (now based on their revision) is a deliberate choice.
            await LoadAsync(cancellationToken);
            Theirs = Head;
            ConflictDiff = RevisionDiff.Words(Head.ToSource().ToFileText(Article.Slug + ".md"), input.ToSource().ToFileText(Article.Slug + ".md"));
            ModelState.Remove("Input.BaseNumber");
            input.BaseNumber = Head.Number;
            Error = localizer["Editor.Conflict", Head.Number, Head.AuthorName];
            Problems = ArticleChecks.Check(input.ToSource(), content.Current);
            return Page();
        }

        Done = outcome == WorkflowOutcome.Unchanged ? "Editor.Unchanged" : "Editor.Saved";
        return RedirectToPage(new { Id });
    }

    public Task<IActionResult> OnPostPublishAsync([Bind(Prefix = "Step")] StepInput step, CancellationToken cancellationToken) =>
        StepAsync(step, "Editor.Published", "Editor.Scheduled", (at, actor) => workflow.PublishAsync(Id, step.Number, at, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSubmitAsync([Bind(Prefix = "Step")] StepInput step, CancellationToken cancellationToken) =>
        StepAsync(step, "Editor.Submitted", "Editor.Submitted", (at, actor) => workflow.SubmitAsync(Id, step.Number, at, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostApproveAsync([Bind(Prefix = "Step")] StepInput step, CancellationToken cancellationToken) =>
        StepAsync(step, "Editor.Approved", "Editor.Approved", (_, actor) => workflow.ApproveAsync(Id, step.Number, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUnpublishAsync([Bind(Prefix = "Step")] StepInput step, CancellationToken cancellationToken) =>
        StepAsync(step, "Editor.Unpublished", "Editor.UnpublishScheduled", (at, actor) => workflow.UnpublishAsync(Id, at, actor, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCancelScheduleAsync([Bind(Prefix = "Step")] StepInput step, CancellationToken cancellationToken) =>
        StepAsync(step, "Editor.ScheduleCancelled", "Editor.ScheduleCancelled", (_, actor) => workflow.CancelScheduleAsync(Id, actor, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostCommentAsync([Bind(Prefix = "Comment")] CommentInput comment, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await PageWithErrorAsync(localizer["Editor.CommentRequired"], cancellationToken);
        }

        var outcome = await workflow.CommentAsync(Id, comment.Number, comment.Text, EditorActor.From(User), cancellationToken);
        if (outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        Done = "Editor.Commented";
        return RedirectToPage(null, null, new { Id }, "hc-comments");
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? image, CancellationToken cancellationToken)
    {
        if (!await db.Articles.AnyAsync(a => a.Id == Id, cancellationToken))
        {
            return NotFound();
        }

        if (image is null || image.Length == 0)
        {
            return await PageWithErrorAsync(localizer["Editor.ChooseImage"], cancellationToken);
        }

        await using var stream = image.OpenReadStream();
        var (error, _) = await images.SaveAsync(Id, stream, image.FileName, EditorActor.From(User), workflow.Now, cancellationToken);
        if (error is { } reason)
        {
            return await PageWithErrorAsync(localizer["Contact.Screenshot." + reason, ScreenshotStore.SafeName(image.FileName)], cancellationToken);
        }

        Done = "Editor.ImageUploaded";
        return RedirectToPage(null, null, new { Id }, "hc-images");
    }

    /// <summary>Markdown that shows an uploaded image.</summary>
    public static string ImageMarkdown(ArticleImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return $"![{Path.GetFileNameWithoutExtension(image.OriginalName).Replace("]", "", StringComparison.Ordinal)}]({ArticleImages.UrlPrefix}{image.Id})";
    }

    private async Task<IActionResult> StepAsync(StepInput step, string done, string doneScheduled, Func<DateTimeOffset?, EditorActor, Task<WorkflowOutcome>> run,
        CancellationToken cancellationToken)
    {
        DateTimeOffset? at = null;
        if (!string.IsNullOrWhiteSpace(step.Date) || !string.IsNullOrWhiteSpace(step.Time))
        {
            at = clock.ParseLocal(step.Date, step.Time);
            if (at is null)
            {
                Step = step;
                return await PageWithErrorAsync(localizer["Editor.DateTimeInvalid"], cancellationToken);
            }
        }

        var outcome = await run(at, EditorActor.From(User));
        if (outcome == WorkflowOutcome.NotFound)
        {
            return NotFound();
        }

        if (outcome is WorkflowOutcome.Done or WorkflowOutcome.Unchanged)
        {
            Done = at is null ? done : doneScheduled;
            return RedirectToPage(new { Id });
        }

        Step = step;
        return await PageWithErrorAsync(localizer["Editor.Outcome." + outcome], cancellationToken);
    }

    private async Task<IActionResult> PageWithErrorAsync(string error, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Error = error;
        Input = ArticleInput.From(Head.ToSource(), Head.Number);
        Problems = ArticleChecks.Check(Input.ToSource(), content.Current);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        var head = article is null ? null : await db.ArticleRevisions.AsNoTracking().Include(r => r.Article)
            .FirstOrDefaultAsync(r => r.ArticleId == article.Id && r.Number == article.HeadNumber, cancellationToken);
        if (article is null || head is null)
        {
            return false;
        }

        Article = article;
        Head = head;
        Step = new StepInput { Number = head.Number };
        RequiresReview = await workflow.RequiresReviewAsync(article, head, cancellationToken);
        CanApprove = article.ReviewNumber == head.Number && head.AuthorId != EditorActor.From(User).Id;
        var shown = new[] { head.Number, article.ReviewNumber ?? head.Number };
        Comments = await db.RevisionComments.AsNoTracking()
            .Where(c => db.ArticleRevisions.Any(r => r.Id == c.RevisionId && r.ArticleId == article.Id && shown.Contains(r.Number)))
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        // Newest first, ordered in memory: SQLite cannot order by DateTimeOffset.
        Images = (await db.ArticleImages.AsNoTracking().Where(i => i.ArticleId == article.Id).ToListAsync(cancellationToken))
            .OrderByDescending(i => i.UploadedAt).ToList();
        Categories = content.Current.Categories;
        return true;
    }
}
