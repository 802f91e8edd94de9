using System.ComponentModel.DataAnnotations;
using HelpCenter.Articles;
using HelpCenter.Feedback;
using HelpCenter.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Articles;

[EnableRateLimiting(RateLimitOptions.PublicFormPolicy)]
[OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class ShowModel(ContentStore content, FeedbackService feedback) : PageModel
{
    public const int RelatedCount = 5;
    public const int TocMinimumHeadings = 3;

    [FromRoute]
    public string Lang { get; set; } = "";

    [FromRoute]
    public string Slug { get; set; } = "";

    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    public Article Article { get; private set; } = default!;

    public Category Category { get; private set; } = default!;

    public IReadOnlyList<Article> Translations { get; private set; } = [];

    public IReadOnlyList<Article> Related { get; private set; } = [];

    /// <summary>This visitor's earlier answer, if any.</summary>
    public bool? PreviousVote { get; private set; }

    /// <summary>The comment box comes after the vote (or with a rejected submission, so nothing typed is lost): the
    /// first step is one click on yes or no.</summary>
    public bool ShowComment => PreviousVote is not null || HttpMethods.IsPost(Request.Method);

    /// <summary>"No" offers the contact flow with this article as its starting page (as the floating launcher does)
    /// and its category as the topic.</summary>
    public string ContactUrl => Url.Page("/Contact/Index", new { from = $"/{Lang}/articles/{Article.Slug}", topic = Article.CategoryId })!;

    /// <summary>The vote was just stored (shown once). Read from TempData by hand: a [TempData] property would write its
    /// cookie on every view and make every article page uncacheable.</summary>
    public bool FeedbackSaved { get; private set; }

    private const string FeedbackSavedKey = "Feedback.Saved";
    private const string TempDataCookie = ".AspNetCore.Mvc.CookieTempDataProvider";

    public bool IsFallback => Article.Language != Lang;

    /// <summary>Set when the customer opened this article from the contact flow's suggestions.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Flow { get; set; }

    public sealed class FeedbackInput
    {
        [Required(ErrorMessage = "Feedback.ChooseYesNo")]
        public bool? Helpful { get; set; }

        [StringLength(ArticleFeedback.CommentMaxLength, ErrorMessage = "Feedback.CommentTooLong")]
        public string? Comment { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return NotFound();
        }

        // TempData is touched only when its cookie came: reading it otherwise would write an empty cookie.
        FeedbackSaved = Request.Cookies.ContainsKey(TempDataCookie) && TempData[FeedbackSavedKey] is true;

        // The view is recorded by the page's beacon image (the page may come from the shared cache). Only a browser
        // that has voted somewhere gets its earlier vote looked up, and such a page is never cached.
        if (Request.Cookies.ContainsKey(FeedbackService.VotedCookie) && VisitorCookie.Existing(HttpContext) is { } visitor
            && await feedback.FindAsync(Article.Language, Article.Slug, visitor, cancellationToken) is { } previous)
        {
            PreviousVote = previous.Helpful;
            Input.Helpful = previous.Helpful;
            Input.Comment = previous.Comment;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var visitor = VisitorCookie.GetOrCreate(HttpContext);
        await feedback.RecordAsync(Article.Language, Article.Slug, visitor, Input.Helpful!.Value, Input.Comment, cancellationToken);
        TempData[FeedbackSavedKey] = true;
        FeedbackService.RememberVoted(Response, Request.IsHttps);
        return RedirectToPage(null, null, new { lang = Lang, slug = Slug }, "feedback");
    }

    private bool Load()
    {
        var snapshot = content.Current;
        if (snapshot.FindWithFallback(Lang, Slug) is not { } article)
        {
            return false;
        }

        Article = article;
        Category = snapshot.FindCategory(article.CategoryId) ?? Category.Unlisted(article.CategoryId);
        Translations = snapshot.Translations(article);
        Related = snapshot.VisibleIn(Lang)
            .Where(a => a.Slug != article.Slug && a.CategoryId == article.CategoryId)
            .OrderByDescending(a => a.Tags.Intersect(article.Tags).Count())
            .ThenBy(a => a.Order)
            .Take(RelatedCount)
            .ToList();
        return true;
    }
}
