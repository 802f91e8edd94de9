using HelpCenter.Articles;
using HelpCenter.Contact;
using HelpCenter.Localization;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Contact;

/// <summary>
/// Step 1 of the contact flow: topic and question; matching articles are offered first (as the customer types with
/// JavaScript through /api/contact/suggest, on "Find answers" without). "I still need help" leads to the channels.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
public sealed class IndexModel(ContactFlowService flows, ContentStore content, Infrastructure.AnalyticsBudget budget) : PageModel
{
    public const string FlowCookie = "hc_flow";

    [BindProperty(SupportsGet = true)]
    public string? Topic { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public string FlowToken { get; private set; } = "";

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public IReadOnlyList<SearchHit>? Suggestions { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? flow, string? from, CancellationToken cancellationToken)
    {
        var current = await CurrentFlowAsync(flow, from, cancellationToken);
        Q ??= current.Question;
        Topic ??= current.Topic;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            Suggestions = await flows.SuggestAsync(current, ValidTopic(Topic), Q, cancellationToken);
        }

        return Page();
    }

    /// <summary>Opening a suggestion: recorded, then the article, which offers "this solved it".</summary>
    public async Task<IActionResult> OnGetOpenAsync(string? flow, string? slug, CancellationToken cancellationToken)
    {
        var current = await flows.FindAsync(flow, HttpContext, cancellationToken);
        if (current is null || slug is null || content.Current.FindWithFallback(current.Language, slug) is null)
        {
            return RedirectToPage("/Contact/Index");
        }

        await flows.RecordOpenedAsync(current, slug, cancellationToken);
        return RedirectToPage("/Articles/Show", new { lang = current.Language, slug, flow });
    }

    /// <summary>"This solved my problem": the flow ends as a deflection.</summary>
    public async Task<IActionResult> OnPostSolvedAsync(string? flow, string? slug, CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(flow, HttpContext, cancellationToken) is { } current)
        {
            await flows.MarkSolvedAsync(current, slug, cancellationToken);
            Response.Cookies.Delete(FlowCookie);
        }

        return RedirectToPage("/Contact/Solved");
    }

    private string? ValidTopic(string? topic) => content.Current.FindCategory(topic ?? "") is { } category ? category.Id : null;

    /// <summary>The flow in the link, else the one remembered for this browser (a reload keeps the question), else a new one.</summary>
    private async Task<ContactFlow> CurrentFlowAsync(string? flow, string? from, CancellationToken cancellationToken)
    {
        Categories = content.Current.Categories;
        var current = await flows.FindAsync(flow, HttpContext, cancellationToken)
            ?? await flows.FindAsync(Request.Cookies[FlowCookie], HttpContext, cancellationToken);
        if (current is null || current.SolvedAt is not null || current.EscalatedAt is not null)
        {
            // The page the customer came from: named in the link, else the Referer when it is this site.
            from ??= Request.GetTypedHeaders().Referer is { } referer && referer.Host == Request.Host.Host ? referer.PathAndQuery : null;
            var startPage = from is { Length: <= 300 } && Url.IsLocalUrl(from) ? from : null;
            if (!await budget.TryTakeAsync(HttpContext, hasQuestion: !string.IsNullOrWhiteSpace(Q)))
            {
                // Nothing worth a row yet: the flow is stored when the visitor (now with a cookie) does something.
                Infrastructure.VisitorCookie.GetOrCreate(HttpContext);
                current = flows.Pending(Languages.Current, startPage);
                FlowToken = flows.ProtectPending(current);
                RememberFlow();
                return current;
            }

            current = await flows.StartAsync(HttpContext, Languages.Current, startPage, cancellationToken);
        }

        FlowToken = flows.Protect(current);
        RememberFlow();
        return current;
    }

    private void RememberFlow() =>
        Response.Cookies.Append(FlowCookie, FlowToken, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromHours(2),
        });
}
