using HelpCenter.Articles;
using HelpCenter.Infrastructure;
using HelpCenter.Localization;
using Microsoft.Extensions.Options;

namespace HelpCenter.Search;

/// <summary>The JSON search API (used by the typeahead, the evaluation and deflection) and result-click tracking.</summary>
public static class SearchEndpoints
{
    public static void MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", Search).RequireRateLimiting(RateLimitOptions.SearchApiPolicy);
        endpoints.MapGet("/api/suggest", Suggest).RequireRateLimiting(RateLimitOptions.SearchApiPolicy);
        endpoints.MapGet("/search/click", Click);
    }

    /// <summary><c>GET /api/search?q=&amp;lang=&amp;category=&amp;limit=&amp;offset=</c></summary>
    private static async Task<IResult> Search(HttpContext context, SearchService search, SearchAnalytics analytics, AnalyticsBudget budget,
        Infrastructure.Distributed.HelpCenterMetrics metrics, string? q, string? lang, string? category, int? limit, int? offset)
    {
        var language = lang ?? Languages.Current;
        if (!Languages.IsSupported(language))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "lang must be ja, en or zh");
        }

        var results = search.Engine.Search(new SearchRequest(q ?? "", language, string.IsNullOrWhiteSpace(category) ? null : category, offset ?? 0, limit ?? 10));
        metrics.SearchRan("api", language);
        if (results.Query.Length > 0 && await budget.TryTakeAsync(context, hasQuestion: true))
        {
            analytics.RecordSearch(results.Query, language, category, results.Total, "api", VisitorCookie.GetOrCreate(context));
        }

        // Japanese articles found for an English or Chinese reader open in the reader's language (as the category pages
        // link them): "lang" says which language the article itself is in.
        return Results.Json(new
        {
            query = results.Query,
            total = results.Total,
            results = results.Hits.Select(h => new { slug = h.Slug, lang = h.Language, title = h.Title, url = ArticleUrls.Article(language, h.Slug), snippet = h.SnippetHtml, category = h.Category, score = h.Score }),
            facets = results.Facets,
            didYouMean = results.DidYouMean,
            guessedCategory = results.GuessedCategory,
        });
    }

    /// <summary><c>GET /api/suggest?q=&amp;lang=</c>: up to 8 article titles.</summary>
    private static IResult Suggest(SearchService search, IOptions<SearchOptions> options, string? q, string? lang)
    {
        var language = lang ?? Languages.Current;
        if (!Languages.IsSupported(language))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "lang must be ja, en or zh");
        }

        var suggestions = search.Engine.Suggest(q ?? "", language, options.Value.SuggestionCount);
        return Results.Json(suggestions.Select(s => new { slug = s.Slug, title = s.Title, url = ArticleUrls.Article(language, s.Slug), lang = s.Language }));
    }

    /// <summary>
    /// <c>GET /search/click?s=&amp;lang=&amp;slug=&amp;rank=</c>: records which result was opened, then goes to the article.
    /// The target is rebuilt from the slug, never taken from the request, so this cannot redirect elsewhere.
    /// </summary>
    private static IResult Click(HttpContext context, SearchAnalytics analytics, ContentStore content, string? s, string? lang, string? slug, int? rank)
    {
        var language = Languages.IsSupported(lang) ? lang! : Languages.Current;
        if (Guid.TryParse(s, out var searchKey) && slug is { Length: <= 100 } && rank is > 0 and <= 10_000)
        {
            analytics.RecordClick(searchKey, VisitorCookie.GetOrCreate(context), slug, rank.Value);
        }

        return slug is not null && content.Current.FindWithFallback(language, slug) is not null
            ? Results.Redirect(ArticleUrls.Article(language, slug))
            : Results.Redirect("/");
    }
}
