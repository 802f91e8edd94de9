using System.Text.RegularExpressions;
using HelpCenter.Localization;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpCenter.Articles;

/// <summary>Links from an article to other articles (<c>/ja/articles/slug</c>) that lead nowhere.</summary>
public static partial class LinkChecker
{
    /// <summary>
    /// A problem for every link to an article that <paramref name="exists"/> does not know (by language and slug; the
    /// site shows the Japanese original for a missing translation, so that counts). Lines are the file's.
    /// </summary>
    public static IEnumerable<ContentProblem> Check(string file, string body, int bodyLine, Func<string, string, bool> exists)
    {
        ArgumentNullException.ThrowIfNull(exists);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, MarkdownRenderer.Pipeline);
        }
        catch (ArgumentException)
        {
            // Nested beyond Markdig's limit: rendering reports that problem, with its line.
            yield break;
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is null || ArticleLink().Match(link.Url) is not { Success: true } match)
            {
                continue;
            }

            var (language, slug) = (match.Groups[1].Value, match.Groups[2].Value);
            if (!exists(language, slug) && !exists(Languages.Default, slug))
            {
                yield return new ContentProblem(file, bodyLine + link.Line, ProblemSeverity.Warning,
                    $"the link to '{link.Url}' leads to no article: there is no '{slug}' in '{language}' (check the slug)");
            }
        }
    }

    [GeneratedRegex(@"^/(ja|en|zh)/articles/([^/?#\s]+)/?(?:[?#].*)?$")]
    private static partial Regex ArticleLink();
}
