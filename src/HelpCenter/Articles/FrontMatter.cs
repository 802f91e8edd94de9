using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpCenter.Articles;

/// <summary>The YAML block at the top of an article, validated field by field.</summary>
public sealed partial record FrontMatter(
    string Title,
    string Category,
    IReadOnlyList<string> Tags,
    string Summary,
    bool Faq,
    int Order,
    DateOnly? Updated,
    string? Slug)
{
    public static readonly IReadOnlyList<string> Keys = ["title", "category", "tags", "summary", "faq", "order", "updated", "slug"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    public static partial Regex IdPattern();

    /// <summary>
    /// Splits a file into front matter and body. Problems are added to <paramref name="problems"/>;
    /// the result is null when the file cannot be used.
    /// </summary>
    public static (FrontMatter? FrontMatter, string Body, int BodyLine) Parse(string file, string text, List<ContentProblem> problems)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            problems.Add(new(file, 1, ProblemSeverity.Error,
                "the file must start with a line '---', then the front matter (title:, category:, ...), then another '---'"));
            return (null, "", 0);
        }

        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0 && end + 4 < text.Length && text[end + 4] is not ('\n' or ' ' or '\t'))
        {
            end = text.IndexOf("\n---", end + 4, StringComparison.Ordinal);
        }

        if (end < 0)
        {
            problems.Add(new(file, 1, ProblemSeverity.Error,
                "the front matter is not closed: add a line '---' after the last field"));
            return (null, "", 0);
        }

        var yaml = text[4..(end + 1)];
        var afterClose = text.IndexOf('\n', end + 1);
        var body = afterClose < 0 ? "" : text[(afterClose + 1)..];
        var bodyLine = 1 + text[..(afterClose < 0 ? text.Length : afterClose + 1)].Count(c => c == '\n');

        YamlMappingNode? map;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            map = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlMappingNode;
        }
        catch (YamlException ex)
        {
            // +1: the YAML starts on the line after the opening '---'.
            problems.Add(new(file, (int)ex.Start.Line + 1, ProblemSeverity.Error,
                $"invalid YAML in the front matter: {FirstSentence(ex)} (check quotes and colons; quote titles that contain ': ')"));
            return (null, "", 0);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, without a position, for some unclosed brackets and quotes.
            problems.Add(new(file, UnbalancedLine(yaml) + 1, ProblemSeverity.Error,
                "invalid YAML in the front matter: an unclosed bracket or quote (quote titles that start with '[' or '{')"));
            return (null, "", 0);
        }

        if (map is null)
        {
            problems.Add(new(file, 2, ProblemSeverity.Error, "the front matter must be a list of 'key: value' lines"));
            return (null, "", 0);
        }

        var reader = new FieldReader(file, problems);
        string? title = null, category = null, summary = null, slug = null;
        IReadOnlyList<string> tags = [];
        var faq = false;
        var order = 0;
        DateOnly? updated = null;
        var ok = true;

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var line = (int)keyNode.Start.Line + 1;
            switch (key)
            {
                case "title": ok &= reader.String(value, line, key, out title); break;
                case "category": ok &= reader.String(value, line, key, out category); break;
                case "summary": ok &= reader.String(value, line, key, out summary); break;
                case "slug": ok &= reader.String(value, line, key, out slug); break;
                case "tags": ok &= reader.List(value, line, out tags); break;
                case "faq": ok &= reader.Bool(value, line, out faq); break;
                case "order": ok &= reader.Int(value, line, out order); break;
                case "updated": ok &= reader.Date(value, line, out updated); break;
                default:
                    problems.Add(new(file, line, ProblemSeverity.Warning,
                        $"unknown key '{key}' is ignored (known keys: {string.Join(", ", Keys)})"));
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new(file, 2, ProblemSeverity.Error, "missing 'title': add a line such as 'title: パスワードを再設定する方法'"));
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(category))
        {
            problems.Add(new(file, 2, ProblemSeverity.Error, "missing 'category': add a line such as 'category: security' (an id from categories.yml)"));
            ok = false;
        }
        else if (!IdPattern().IsMatch(category))
        {
            problems.Add(new(file, LineOf(map, "category"), ProblemSeverity.Error,
                $"category '{category}' is not a valid id: use lower-case letters, digits and '-'"));
            ok = false;
        }

        if (slug is not null && !IdPattern().IsMatch(slug))
        {
            problems.Add(new(file, LineOf(map, "slug"), ProblemSeverity.Error,
                $"slug '{slug}' is not valid: use lower-case letters, digits and '-' (it becomes the URL)"));
            ok = false;
        }

        return ok
            ? (new FrontMatter(title!.Trim(), category!.Trim(), tags, summary?.Trim() ?? "", faq, order, updated, slug), body, bodyLine)
            : (null, "", 0);
    }

    /// <summary>The first line (1-based) with an unclosed [, { or quote; 1 when none stands out.</summary>
    private static int UnbalancedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Count(c => c == '[') > line.Count(c => c == ']') || line.Count(c => c == '{') > line.Count(c => c == '}') ||
                line.Count(c => c == '"') % 2 == 1)
            {
                return i + 1;
            }
        }

        return 1;
    }

    private static int LineOf(YamlMappingNode map, string key) =>
        map.Children.Keys.FirstOrDefault(k => (k as YamlScalarNode)?.Value == key) is { } node ? (int)node.Start.Line + 1 : 2;

    private static string FirstSentence(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return paren >= 0 ? message[(paren + 3)..] : message;
    }

    /// <summary>Reads typed values, reporting a problem with the line when a value has the wrong shape.</summary>
    private sealed class FieldReader(string file, List<ContentProblem> problems)
    {
        public bool String(YamlNode node, int line, string key, out string? value)
        {
            value = (node as YamlScalarNode)?.Value;
            return Check(value is not null, line, $"'{key}' must be a single line of text");
        }

        public bool List(YamlNode node, int line, out IReadOnlyList<string> value)
        {
            value = node switch
            {
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
                YamlScalarNode s => (s.Value ?? "").Split(',', StringSplitOptions.TrimEntries),
                _ => [],
            };
            value = value.Where(t => t.Length > 0).Select(t => t.Trim()).Distinct().ToList();
            return Check(node is YamlSequenceNode or YamlScalarNode, line, "'tags' must be a list such as [パスワード, ログイン]");
        }

        public bool Bool(YamlNode node, int line, out bool value)
        {
            var text = (node as YamlScalarNode)?.Value?.Trim().ToLowerInvariant();
            value = text is "true" or "yes";
            return Check(text is "true" or "false" or "yes" or "no", line, "'faq' must be true or false");
        }

        public bool Int(YamlNode node, int line, out int value)
        {
            value = 0;
            return Check(int.TryParse((node as YamlScalarNode)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
                line, "'order' must be a whole number such as 3");
        }

        public bool Date(YamlNode node, int line, out DateOnly? value)
        {
            var ok = DateOnly.TryParseExact((node as YamlScalarNode)?.Value?.Trim(), "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            value = ok ? date : null;
            return Check(ok, line, "'updated' must be a date written as YYYY-MM-DD, such as 2026-04-01");
        }

        private bool Check(bool ok, int line, string message)
        {
            if (!ok)
            {
                problems.Add(new(file, line, ProblemSeverity.Error, message));
            }

            return ok;
        }
    }
}
