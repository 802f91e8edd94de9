using HelpCenter.Analytics;
using HelpCenter.Infrastructure;

namespace HelpCenter.Contact;

/// <summary>Remembers which articles a visitor (the anonymous hc_visitor cookie) read, for the context of a request.
/// A view without the cookie is not recorded: the cookie is set when the visitor searches, votes or contacts us, and
/// a first, cookie-less view is served from the page cache anyway. Views are queued, never written in the request.</summary>
public sealed class VisitorHistory(AnalyticsQueue queue, TimeProvider clock)
{
    public void RecordArticleView(HttpContext context, string language, string slug)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (VisitorCookie.Existing(context) is { } visitor)
        {
            queue.Add(new ArticleView { VisitorId = visitor, Language = language, Slug = slug, At = clock.GetUtcNow() });
        }
    }
}
