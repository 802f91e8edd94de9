using HelpCenter.Articles;
using HelpCenter.Infrastructure;

namespace HelpCenter.Contact;

/// <summary><c>GET /api/contact/suggest?flow=&amp;q=&amp;topic=</c>: the contact flow's live suggestions, rate limited
/// like the search API (one call per pause in typing). <c>GET /api/view?lang=&amp;slug=</c>: the article-view beacon.</summary>
public static class ContactEndpoints
{
    public const int MaxQuestionLength = 500;

    /// <summary>A transparent 1x1 GIF: the view beacon is an image, so it works without JavaScript.</summary>
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static void MapContact(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/contact/suggest", SuggestAsync).RequireRateLimiting(RateLimitOptions.SearchApiPolicy);
        endpoints.MapGet("/api/view", View).RequireRateLimiting(RateLimitOptions.SearchApiPolicy);
    }

    /// <summary>
    /// Records an article view for the context of a later request. Article pages are served from a cache shared by
    /// every visitor, so the page itself cannot know who reads it: it carries this beacon as an image, which gives the
    /// browser its visitor id (first visit) and queues the view. A client that loads no images (a script) writes nothing.
    /// </summary>
    private static async Task<IResult> View(HttpContext context, VisitorHistory history, ContentStore content, AnalyticsBudget budget, string? lang, string? slug)
    {
        // Loading the page's images is something a browser does, so a first visit counts; the budget bounds it per
        // visitor and address all the same.
        if (Localization.Languages.IsSupported(lang) && slug is { Length: <= 100 } && content.Current.FindWithFallback(lang!, slug) is { } article
            && await budget.TryTakeAsync(context, hasQuestion: true))
        {
            VisitorCookie.GetOrCreate(context);
            history.RecordArticleView(context, article.Language, article.Slug);
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(Pixel, "image/gif");
    }

    private static async Task<IResult> SuggestAsync(HttpContext context, ContactFlowService flows, ContentStore content,
        string? flow, string? q, string? topic, CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(flow, context, cancellationToken) is not { } current)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown or expired contact flow");
        }

        var question = q ?? "";
        var validTopic = content.Current.FindCategory(topic ?? "")?.Id;
        var hits = await flows.SuggestAsync(current, validTopic, question.Length > MaxQuestionLength ? question[..MaxQuestionLength] : question, cancellationToken);
        return Results.Json(hits.Select(h => new
        {
            title = h.Title,
            summary = h.Summary,
            url = ContactUrls.Open(flow!, h.Slug),
            matched = h.MatchedTerms,
        }));
    }
}
