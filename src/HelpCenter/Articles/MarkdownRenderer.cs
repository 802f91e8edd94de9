using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpCenter.Articles;

/// <summary>Thrown for Markdown that cannot be rendered safely, with a message meant for the editor.</summary>
public sealed class MarkdownTooComplexException(string message, Exception inner) : Exception(message, inner);

/// <summary>The rendered form of an article body.</summary>
public sealed record RenderedMarkdown(string Html, IReadOnlyList<TocEntry> Toc, string PlainText);

/// <summary>
/// Turns editor Markdown into HTML that is safe to put on the page. Markdig renders with raw HTML
/// disabled and without the generic-attributes and media-link extensions; the result then goes
/// through an allow-list sanitizer, so anything executable that slips past the first layer (links
/// with scripting schemes, autolinks, protocol-relative URLs) is removed by the second.
/// </summary>
public static class MarkdownRenderer
{
    // One pipeline for the whole site: building it is the expensive part (xoofx/markdig Markdown.cs).
    // Deliberately not UseAdvancedExtensions(): it includes GenericAttributes ({onclick=...}) and MediaLinks.
    public static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UseFootnotes()
        .UseDefinitionLists()
        .UseAbbreviations()
        .DisableHtml()
        .Build();

    private static readonly HashSet<string> SafeClasses =
    [
        "footnotes", "footnote-ref", "footnote-back-ref", "task", "heading-anchor", "table",
    ];

    private static readonly Dictionary<string, string> AnchorLabels = new()
    {
        ["ja"] = "この見出しへのリンク",
        ["en"] = "Link to this section",
        ["zh"] = "链接到此标题",
    };

    public static RenderedMarkdown Render(string markdown, string language)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        try
        {
            return RenderUnchecked(markdown, language);
        }
        catch (ArgumentException ex) when (ex.Message.Contains("too deeply nested", StringComparison.Ordinal))
        {
            // Markdig's parser and renderer both refuse input nested beyond their limit (200 levels of '>', '[', lists...).
            throw new MarkdownTooComplexException("the text is nested too deeply (lists, quotes or brackets inside each other); simplify its structure", ex);
        }
    }

    private static RenderedMarkdown RenderUnchecked(string markdown, string language)
    {
        var document = Markdown.Parse(markdown, Pipeline);

        // Task-list checkboxes would render as <input>; show them as plain symbols instead.
        foreach (var task in document.Descendants<TaskList>().ToList())
        {
            task.ReplaceBy(new LiteralInline(task.Checked ? "☑" : "☐"));
        }

        var toc = document.Descendants<HeadingBlock>()
            .Where(h => h.Level is 2 or 3 && h.GetAttributes().Id is { Length: > 0 })
            .Select(h => new TocEntry(h.Level, h.GetAttributes().Id!, InlineText(h.Inline)))
            .ToList();

        var rawHtml = document.ToHtml(Pipeline);
        var html = CreateSanitizer(language).Sanitize(rawHtml);
        var plain = ToPlainText(document);
        return new RenderedMarkdown(html, toc, plain);
    }

    /// <summary>Text without markup, for search and snippets (same as Markdown.ToPlainText, without parsing twice).</summary>
    private static string ToPlainText(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer)
        {
            EnableHtmlForBlock = false,
            EnableHtmlForInline = false,
            EnableHtmlEscape = false,
        };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var leaf in inline.Descendants<LiteralInline>())
        {
            text.Append(leaf.Content.ToString());
        }

        foreach (var code in inline.Descendants<CodeInline>())
        {
            text.Append(code.Content);
        }

        return text.ToString();
    }

    private static HtmlSanitizer CreateSanitizer(string language)
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "ins", "mark", "sub", "sup",
                "code", "pre", "kbd", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "abbr",
                "table", "thead", "tbody", "tfoot", "tr", "th", "td", "span", "div", "section",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "id", "class", "colspan", "rowspan", "start", "reversed",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedClasses = SafeClasses,
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        });
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = true;

        // "//evil.example" and its backslash variants are protocol-relative links to another host:
        // phishing pages use them to look like internal links.
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.SanitizedUrl?.Trim() ?? "";
            if (url.Length >= 2 && url[0] is '/' or '\\' && url[1] is '/' or '\\')
            {
                e.SanitizedUrl = null;
            }
            else if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.UserInfo.Length > 0)
            {
                // "https://help.example.com@evil.example/" shows a trusted name but goes to evil.example.
                e.SanitizedUrl = null;
            }
            else if (e.Tag.NodeName == "IMG" && !url.StartsWith('/') && !url.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            {
                // Images only from this site or over HTTPS; never data: or http: (mixed content, tracking).
                e.SanitizedUrl = null;
            }
        };

        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { NodeName: "A" } link && link.GetAttribute("href") is { } href &&
                (href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };

        // Structural additions run once the whole tree is clean, so they never pass through the allow-list.
        sanitizer.PostProcessDom += (_, e) =>
        {
            var root = e.Document;
            foreach (var heading in root.QuerySelectorAll("h2[id], h3[id]"))
            {
                var anchor = e.Document.CreateElement("a");
                anchor.SetAttribute("class", "heading-anchor");
                anchor.SetAttribute("href", "#" + heading.GetAttribute("id"));
                anchor.SetAttribute("aria-label", AnchorLabels.GetValueOrDefault(language, AnchorLabels["en"]));
                anchor.TextContent = "#";
                heading.AppendChild(anchor);
            }

            // Wide tables scroll inside their own box on phones instead of widening the page.
            foreach (var table in root.QuerySelectorAll("table").ToList())
            {
                var wrapper = e.Document.CreateElement("div");
                wrapper.SetAttribute("class", "table");
                table.Parent!.ReplaceChild(wrapper, table);
                wrapper.AppendChild(table);
            }
        };
        return sanitizer;
    }
}
