using HelpCenter.Articles;
using HelpCenter.Infrastructure;

namespace HelpCenter.Contact;

/// <summary><c>GET /api/contact/suggest?flow=&amp;q=&amp;topic=</c>: the contact flow's live suggestions, rate limited
/// like the search API (one call per pause in typing).</summary>
public static class ContactEndpoints
{
    public const int MaxQuestionLength = 500;

    public static void MapContact(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/contact/suggest", SuggestAsync).RequireRateLimiting(RateLimitOptions.SearchApiPolicy);

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
