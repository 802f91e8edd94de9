using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;

namespace HelpCenter.Contact;

/// <summary>Remembers which articles a visitor (the anonymous hc_visitor cookie) read, for the context of a request.</summary>
public sealed class VisitorHistory(HelpCenterDbContext db, TimeProvider clock)
{
    public async Task RecordArticleViewAsync(HttpContext context, string language, string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        db.ArticleViews.Add(new ArticleView { VisitorId = VisitorCookie.GetOrCreate(context), Language = language, Slug = slug, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
