using HelpCenter.Analytics;
using HelpCenter.Infrastructure;

namespace HelpCenter.Contact;

/// <summary>Remembers which articles a visitor (the anonymous hc_visitor cookie) read, for the context of a request.
/// Views come from the article page's beacon (<c>/api/view</c>), are queued, and are never written in the request.</summary>
public sealed class VisitorHistory(AnalyticsQueue queue, TimeProvider clock)
{
    public void RecordArticleView(HttpContext context, string language, string slug)
    {
        ArgumentNullException.ThrowIfNull(context);
        queue.Add(new ArticleView { VisitorId = VisitorCookie.GetOrCreate(context), Language = language, Slug = slug, At = clock.GetUtcNow() });
    }
}
