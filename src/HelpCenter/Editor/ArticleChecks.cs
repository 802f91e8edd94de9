using HelpCenter.Articles;

namespace HelpCenter.Editor;

/// <summary>A problem as the console shows it: on a form field, or on a line of the Markdown box.</summary>
public sealed record EditorProblem(ProblemSeverity Severity, string Message, int? BodyLine, string? Field);

/// <summary>
/// check-content's rules applied to what an editor typed: the same parser and renderer, plus links to articles that
/// are not published. Lines are those of the Markdown box, not of a file.
/// </summary>
public static class ArticleChecks
{
    public static IReadOnlyList<EditorProblem> Check(ArticleSource source, ContentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(snapshot);
        var file = ContentStore.ExportPath(source.Language, source.CategoryId, source.Slug);
        var text = source.ToFileText(source.Slug + ".md");
        var problems = new List<ContentProblem>();
        var parsed = ContentLoader.Parse(file, source.Language, source.Slug, text, problems, out var bodyLine);
        if (parsed is not null)
        {
            try
            {
                MarkdownRenderer.Render(parsed.Body, parsed.Language);
            }
            catch (MarkdownTooComplexException ex)
            {
                problems.Add(new(file, bodyLine, ProblemSeverity.Error, ex.Message));
            }

            problems.AddRange(LinkChecker.Check(file, parsed.Body, bodyLine, (language, slug) =>
                snapshot.Find(language, slug) is not null || (language == source.Language && slug == source.Slug)));
            if (snapshot.FindCategory(parsed.CategoryId) is not { Listed: true })
            {
                problems.Add(new(file, null, ProblemSeverity.Warning, $"category '{parsed.CategoryId}' is not in {ContentLoader.CategoriesFile}"));
            }
        }

        var lines = text.Split('\n');
        return problems.Select(p => p.Line is { } line && parsed is not null && line >= bodyLine
                ? new EditorProblem(p.Severity, p.Message, line - bodyLine + 1, null)
                : new EditorProblem(p.Severity, p.Message, null, FieldOf(lines, p.Line)))
            .ToList();
    }

    private static string? FieldOf(string[] lines, int? line) =>
        line is { } n && n >= 1 && n <= lines.Length && lines[n - 1].IndexOf(':', StringComparison.Ordinal) is var colon and > 0
            ? lines[n - 1][..colon]
            : null;
}
