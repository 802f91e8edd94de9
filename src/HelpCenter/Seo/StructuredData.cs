using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using HelpCenter.Articles;
using HelpCenter.Localization;

namespace HelpCenter.Seo;

/// <summary>
/// JSON-LD (schema.org) for search engines: <c>Article</c> and <c>BreadcrumbList</c> on article pages, <c>FAQPage</c>
/// on the FAQ. The JSON is written with an encoder that escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so text
/// from an article can never close the <c>script</c> data block it is placed in.
/// </summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Article(Article article, string absoluteUrl, string publisher)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = article.Title,
            ["description"] = article.Summary,
            ["inLanguage"] = Languages.ToCultureName(article.Language),
            ["dateModified"] = article.Updated.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["mainEntityOfPage"] = absoluteUrl,
            ["publisher"] = new Dictionary<string, object> { ["@type"] = "Organization", ["name"] = publisher },
        });
    }

    /// <summary>The trail from the home page; each step is (name, absolute URL).</summary>
    public static string Breadcrumbs(IReadOnlyList<(string Name, string Url)> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = steps.Select((step, i) => new Dictionary<string, object>
            {
                ["@type"] = "ListItem",
                ["position"] = i + 1,
                ["name"] = step.Name,
                ["item"] = step.Url,
            }).ToList(),
        });
    }

    /// <summary>Questions and their answers (the answer is the article's text, as on the page).</summary>
    public static string FaqPage(IEnumerable<Article> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Serialize(new Dictionary<string, object>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "FAQPage",
            ["mainEntity"] = articles.Select(a => new Dictionary<string, object>
            {
                ["@type"] = "Question",
                ["name"] = a.Title,
                ["acceptedAnswer"] = new Dictionary<string, object> { ["@type"] = "Answer", ["text"] = a.PlainText },
            }).ToList(),
        });
    }

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Json);
}
