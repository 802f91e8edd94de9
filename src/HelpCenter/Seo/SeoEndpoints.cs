using System.Globalization;
using System.Text;
using System.Xml;
using HelpCenter.Articles;
using HelpCenter.Localization;
using HelpCenter.Mail;

namespace HelpCenter.Seo;

/// <summary><c>/robots.txt</c> and <c>/sitemap.xml</c>: customers reach help articles from a web search first.</summary>
public static class SeoEndpoints
{
    /// <summary>Areas no search engine should index: people's own pages, staff pages, APIs, result pages.</summary>
    private static readonly string[] Private = ["/account/", "/admin/", "/agent/", "/editor/", "/chat/", "/requests", "/contact/", "/api/", "/hubs/", "/search"];

    /// <summary>Pages that carry a <c>noindex</c>: the same areas robots.txt keeps crawlers out of.</summary>
    public static bool IsPrivate(PathString path) =>
        Private.Any(p => path.StartsWithSegments(p.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    public static void MapSeo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/robots.txt", (PublicUrl urls) =>
        {
            var text = new StringBuilder("User-agent: *\n");
            foreach (var path in Private)
            {
                text.Append("Disallow: ").Append(path).Append('\n');
            }

            text.Append("Sitemap: ").Append(urls.Absolute("/sitemap.xml")).Append('\n');
            return Results.Text(text.ToString(), "text/plain; charset=utf-8");
        });
        endpoints.MapGet("/sitemap.xml", (ContentStore content, PublicUrl urls) =>
            Results.Text(Sitemap(content.Current, urls.Absolute), "application/xml; charset=utf-8"));
    }

    /// <summary>Every article in every language it is written in, each with its translations as hreflang alternates
    /// (Japanese also as x-default), plus the home page, the FAQ and the category pages.</summary>
    public static string Sitemap(ContentSnapshot snapshot, Func<string, string> absolute)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(absolute);
        const string Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        const string Xhtml = "http://www.w3.org/1999/xhtml";
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("urlset", Ns);
            xml.WriteAttributeString("xmlns", "xhtml", null, Xhtml);
            foreach (var path in new[] { "/", "/faq" }.Concat(snapshot.Categories.SelectMany(c => Languages.All.Select(l => ArticleUrls.Category(l, c.Id)))))
            {
                xml.WriteStartElement("url", Ns);
                xml.WriteElementString("loc", Ns, absolute(path));
                xml.WriteEndElement();
            }

            foreach (var article in snapshot.Articles.OrderBy(a => a.Slug, StringComparer.Ordinal).ThenBy(a => a.Language, StringComparer.Ordinal))
            {
                var versions = new[] { article }.Concat(snapshot.Translations(article)).OrderBy(a => a.Language, StringComparer.Ordinal).ToList();
                xml.WriteStartElement("url", Ns);
                xml.WriteElementString("loc", Ns, absolute(article.Url));
                xml.WriteElementString("lastmod", Ns, article.Updated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (versions.Count > 1)
                {
                    foreach (var version in versions)
                    {
                        WriteAlternate(xml, Xhtml, Languages.ToCultureName(version.Language), absolute(version.Url));
                    }

                    if (versions.FirstOrDefault(v => v.Language == Languages.Default) is { } original)
                    {
                        WriteAlternate(xml, Xhtml, "x-default", absolute(original.Url));
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        // XmlWriter over a StringBuilder declares UTF-16; the response is UTF-8.
        return output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void WriteAlternate(XmlWriter xml, string ns, string hreflang, string href)
    {
        xml.WriteStartElement("xhtml", "link", ns);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", hreflang);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
