using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace HelpCenter.Articles;

/// <summary>
/// An article as an editor writes it: front matter fields and the Markdown body. A content file and a revision in
/// the database both hold exactly this, so a file imports to a revision and a revision exports to the same file.
/// </summary>
public sealed partial record ArticleSource(
    string Language,
    string Slug,
    string Title,
    string CategoryId,
    IReadOnlyList<string> Tags,
    string Summary,
    bool Faq,
    int Order,
    DateOnly? Updated,
    string Body)
{
    /// <summary>Renders the body; throws <see cref="MarkdownTooComplexException"/> for Markdown that cannot be rendered safely.</summary>
    public Article Render(DateOnly updated, string sourcePath)
    {
        var rendered = MarkdownRenderer.Render(Body, Language);
        return new Article(Language, Slug, Title, CategoryId, Tags, Summary, Faq, Order, Updated ?? updated,
            rendered.Html, rendered.Toc, rendered.PlainText, sourcePath);
    }

    /// <summary>
    /// The file an editor would have written: front matter in a fixed order, then the body. Deterministic, so that
    /// exporting the same article twice gives the same bytes; <c>slug:</c> is written only when the file name is not the slug.
    /// </summary>
    public string ToFileText(string fileName)
    {
        var text = new StringBuilder("---\n");
        text.Append("title: ").Append(Scalar(Title)).Append('\n');
        text.Append("category: ").Append(Scalar(CategoryId)).Append('\n');
        if (Tags.Count > 0)
        {
            text.Append("tags: [").Append(string.Join(", ", Tags.Select(Scalar))).Append("]\n");
        }

        if (Summary.Length > 0)
        {
            text.Append("summary: ").Append(Scalar(Summary)).Append('\n');
        }

        text.Append("faq: ").Append(Faq ? "true" : "false").Append('\n');
        text.Append("order: ").Append(Order.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (Updated is { } updated)
        {
            text.Append("updated: ").Append(updated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n');
        }

        if (!string.Equals(Path.GetFileNameWithoutExtension(fileName), Slug, StringComparison.Ordinal))
        {
            text.Append("slug: ").Append(Slug).Append('\n');
        }

        text.Append("---\n").Append(Body);
        if (!Body.EndsWith('\n'))
        {
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Tags as one line each, the way revisions store them.</summary>
    public string TagLines => string.Join('\n', Tags);

    /// <summary>Tags stored one a line (a tag from a file may contain a comma).</summary>
    public static IReadOnlyList<string> TagsFromLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Tags as typed in the console: separated by commas (、 too) or lines.</summary>
    public static IReadOnlyList<string> ParseTags(string? text) =>
        (text ?? "").Split(['\n', ',', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    /// <summary>A YAML scalar: plain when nothing in it means something to YAML, else double-quoted with JSON escapes (valid YAML).</summary>
    private static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && value is not ("true" or "false" or "yes" or "no" or "null" or "~") && !double.TryParse(value, CultureInfo.InvariantCulture, out _)
            ? value
            : System.Text.Json.JsonSerializer.Serialize(value, JsonOptions);

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Starts with a letter, digit or non-ASCII character; no YAML indicators, brackets, quotes or commas anywhere
    // (commas matter inside [tag, lists]); no leading or trailing space.
    [GeneratedRegex(@"^[\p{L}\p{N}\p{M}][^\[\]{}#&*!|>'""%@`,\r\n\t\\:]*(?<! )$")]
    private static partial Regex PlainScalar();
}
