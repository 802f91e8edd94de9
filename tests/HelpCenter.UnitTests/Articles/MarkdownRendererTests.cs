using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HelpCenter.Articles;

namespace HelpCenter.UnitTests.Articles;

public sealed class MarkdownRendererTests
{
    private static readonly string[] ForbiddenElements =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "textarea",
        "select", "option", "svg", "math", "video", "audio", "source", "track", "base", "meta", "link", "template", "noscript",
        "portal", "dialog", "marquee",
    ];

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static readonly string[] ForbiddenSchemes = ["javascript:", "vbscript:", "data:", "file:", "blob:"];

    public static TheoryData<string> HostileNames()
    {
        var data = new TheoryData<string>();
        foreach (var entry in LoadCorpus())
        {
            data.Add(entry.Key);
        }

        return data;
    }

    private static Dictionary<string, string> LoadCorpus()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Articles", "HostileMarkdown.json");
        using var stream = File.OpenRead(path);
        var entries = JsonSerializer.Deserialize<List<HostileEntry>>(stream, JsonOptions)!;
        return entries.ToDictionary(e => e.Name, e => e.Markdown);
    }

    private sealed record HostileEntry(string Name, string Markdown);

    [Fact]
    public void CorpusHasAtLeast50Entries() => Assert.True(LoadCorpus().Count >= 50);

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void HostileMarkdownRendersNothingExecutableOrOverlaying(string name)
    {
        var markdown = LoadCorpus()[name];

        string html;
        try
        {
            html = MarkdownRenderer.Render(markdown, "ja").Html;
        }
        catch (MarkdownTooComplexException)
        {
            // Refusing to render is safe too: the loader skips the file and names it (see ContentLoaderTests).
            Assert.Contains(name, new[] { "deep-blockquotes-200", "deep-nested-lists-200", "ten-thousand-open-brackets" });
            return;
        }

        AssertSafe(html);
    }

    internal static void AssertSafe(string html)
    {
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body><div id=\"root\">" + html + "</div></body></html>");
        var root = document.GetElementById("root")!;
        foreach (var element in root.QuerySelectorAll("*"))
        {
            var tag = element.LocalName;
            Assert.DoesNotContain(tag, ForbiddenElements);
            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.Name.ToLowerInvariant();
                Assert.False(attributeName.StartsWith("on", StringComparison.Ordinal), $"<{tag} {attribute.Name}> in {html}");
                Assert.DoesNotContain(attributeName, new[] { "style", "srcdoc", "formaction", "xlink:href", "action", "background", "poster" });
                if (attributeName is "href" or "src")
                {
                    AssertSafeUrl(attribute.Value, html);
                }
            }
        }

        // Nothing that the HTML parser saw as an element may have come from raw HTML text either.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertSafeUrl(string url, string html)
    {
        // Browsers strip whitespace and control characters inside a scheme before interpreting it.
        var normalised = new string(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
        foreach (var scheme in ForbiddenSchemes)
        {
            Assert.False(normalised.StartsWith(scheme, StringComparison.Ordinal), $"unsafe URL '{url}' in {html}");
        }

        Assert.False(normalised.Length >= 2 && normalised[0] is '/' or '\\' && normalised[1] is '/' or '\\', $"protocol-relative URL '{url}' in {html}");
        Assert.False(Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.UserInfo.Length > 0, $"URL with user info '{url}' in {html}");
        var colon = normalised.IndexOf(':', StringComparison.Ordinal);
        var slash = normalised.IndexOfAny(['/', '?', '#']);
        if (colon >= 0 && (slash < 0 || colon < slash))
        {
            Assert.Contains(normalised[..colon], new[] { "http", "https", "mailto", "tel" });
        }
    }

    [Fact]
    public void RendersTablesTaskListsAndAutoLinks()
    {
        var html = MarkdownRenderer.Render("""
            | 通貨 | 手数料 |
            |---|---:|
            | BTC | 0.0005 |

            - [x] 完了
            - [ ] 未完了

            詳しくは https://example.com/fees をご覧ください。
            """, "ja").Html;

        Assert.Contains("<div class=\"table\"><table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>BTC</td>", html, StringComparison.Ordinal);
        Assert.Contains("☑ 完了", html, StringComparison.Ordinal);
        Assert.Contains("☐ 未完了", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com/fees\" rel=\"noopener noreferrer\">", html, StringComparison.Ordinal);
        AssertSafe(html);
    }

    [Fact]
    public void HeadingsGetAnchorsAndTableOfContents()
    {
        var rendered = MarkdownRenderer.Render("## 事前の準備\n\ntext\n\n### Step 1\n\n## 設定手順\n", "ja");

        Assert.Equal(["事前の準備", "step-1", "設定手順"], rendered.Toc.Select(t => t.Id));
        Assert.Equal(["事前の準備", "Step 1", "設定手順"], rendered.Toc.Select(t => t.Text));
        Assert.Equal([2, 3, 2], rendered.Toc.Select(t => t.Level));
        Assert.Contains("<h2 id=\"事前の準備\">事前の準備<a class=\"heading-anchor\" href=\"#事前の準備\" aria-label=\"この見出しへのリンク\">#</a></h2>", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalLinksStayWithoutRel()
    {
        var html = MarkdownRenderer.Render("[二段階認証](/ja/articles/two-factor-setup)", "ja").Html;
        Assert.Contains("<a href=\"/ja/articles/two-factor-setup\">二段階認証</a>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    [InlineData("![v](javascript:x.mp4)")]
    [InlineData("[x](//evil.example/login)")]
    [InlineData("[x](/\\evil.example/login)")]
    [InlineData("![p](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)")]
    public void UnsafeLinksLoseTheirTarget(string markdown)
    {
        var html = MarkdownRenderer.Render(markdown, "ja").Html;
        AssertSafe(html);

        // Whatever URL survives must stay on this site.
        var document = new HtmlParser().ParseDocument(html);
        var site = new Uri("https://help.example.com/ja/articles/x");
        foreach (var url in document.QuerySelectorAll("[href], [src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!))
        {
            Assert.Equal("help.example.com", new Uri(site, url).Host);
        }
    }

    [Fact]
    public void RawHtmlIsShownAsTextNotExecuted()
    {
        var html = MarkdownRenderer.Render("<form action=\"https://evil.example\"><input name=password></form>", "ja").Html;
        Assert.Contains("&lt;form", html, StringComparison.Ordinal);
        AssertSafe(html);
    }

    [Fact]
    public void GenericAttributesSyntaxIsNotInterpreted()
    {
        var html = MarkdownRenderer.Render("# Title {onclick=alert(1) style=\"position:fixed\"}", "ja").Html;

        var heading = new HtmlParser().ParseDocument(html).QuerySelector("h1")!;
        Assert.Equal(["id"], heading.Attributes.Select(a => a.Name));
        Assert.Contains("{onclick=alert(1)", heading.TextContent, StringComparison.Ordinal);
        AssertSafe(html);
    }

    [Fact]
    public void PlainTextHasNoMarkup()
    {
        var plain = MarkdownRenderer.Render("## 見出し\n\n**太字**と[リンク](/x)", "ja").PlainText;
        Assert.DoesNotContain("<", plain, StringComparison.Ordinal);
        Assert.Contains("太字", plain, StringComparison.Ordinal);
    }
}
