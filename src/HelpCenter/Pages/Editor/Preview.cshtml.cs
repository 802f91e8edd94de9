using System.Globalization;
using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Editor;

/// <summary>
/// The preview shown in the console's frame: the article rendered by the site's own pipeline and sanitiser (the HTML
/// customers will get), in the article's language. GET shows the newest revision; POST shows what was typed. The only
/// page that may be framed, and only by this site.
/// </summary>
public sealed class PreviewModel(HelpCenterDbContext db, ContentStore content, TimeProvider clock) : PageModel
{
    public Article? Article { get; private set; }

    public Category? Category { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        var head = id is null ? null : await (
                from article in db.Articles.AsNoTracking()
                from revision in db.ArticleRevisions.AsNoTracking().Include(r => r.Article)
                where article.Id == id && revision.ArticleId == article.Id && revision.Number == article.HeadNumber
                select revision)
            .FirstOrDefaultAsync(cancellationToken);
        Show(head?.ToSource());
    }

    public void OnPost([Bind(Prefix = "Input")] ArticleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Show(Languages.IsSupported(input.Language) && !string.IsNullOrWhiteSpace(input.Body) ? input.ToSource() : null);
    }

    private void Show(ArticleSource? source)
    {
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        Response.Headers.ContentSecurityPolicy = SecurityHeadersMiddleware.ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors 'self'", StringComparison.Ordinal);
        Response.Headers.CacheControl = "no-store";
        if (source is null)
        {
            return;
        }

        // The page around the article is in the article's language, as a customer reading it would see it.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(Languages.ToCultureName(source.Language));
        try
        {
            Article = source.Render(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ContentStore.ExportPath(source.Language, source.CategoryId, source.Slug));
            Category = content.Current.FindCategory(source.CategoryId) ?? Category.Unlisted(source.CategoryId);
        }
        catch (MarkdownTooComplexException ex)
        {
            Error = ex.Message;
        }
    }
}
