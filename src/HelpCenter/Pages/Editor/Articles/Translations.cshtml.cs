using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Editor.Articles;

/// <summary>An article in every language side by side (newest revisions, rendered), stale flags, and "start translation".</summary>
public sealed class TranslationsModel(HelpCenterDbContext db) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public StoredArticle Article { get; private set; } = default!;

    /// <summary>Per language: the article and its newest revision rendered, or null when there is no translation yet.</summary>
    public IReadOnlyList<(string Language, StoredArticle? Article, ArticleRevision? Head, string? Html, bool Stale)> Columns { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (article is null)
        {
            return NotFound();
        }

        Article = article;
        var heads = await (
                from a in db.Articles.AsNoTracking()
                from r in db.ArticleRevisions.AsNoTracking()
                where a.Slug == article.Slug && r.ArticleId == a.Id && r.Number == a.HeadNumber
                select new { Article = a, Revision = r })
            .ToListAsync(cancellationToken);
        var originals = heads.Where(h => h.Article.Language == Languages.Default).ToDictionary(h => h.Article.Slug, h => h.Revision.CreatedAt);
        Columns = Languages.All.Select(language =>
        {
            var head = heads.FirstOrDefault(h => h.Article.Language == language);
            if (head is null)
            {
                return (language, (StoredArticle?)null, (ArticleRevision?)null, (string?)null, false);
            }

            string html;
            try
            {
                html = MarkdownRenderer.Render(head.Revision.Body, language).Html;
            }
            catch (MarkdownTooComplexException ex)
            {
                html = System.Net.WebUtility.HtmlEncode(ex.Message);
            }

            return (language, head.Article, head.Revision, html, ArticleOverview.IsStale(head.Article, head.Revision, originals));
        }).ToList();
        return Page();
    }
}
