using HelpCenter.Localization;
using HelpCenter.Search;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HelpCenter.Articles;

/// <summary>
/// Reads the content folder into a <see cref="ContentSnapshot"/>. A broken file becomes a
/// <see cref="ContentProblem"/> and is skipped; it never stops the other files from loading.
/// </summary>
public static class ContentLoader
{
    public const string CategoriesFile = "categories.yml";
    public const string SynonymsFile = "synonyms.txt";

    public static ContentSnapshot Load(string contentRoot)
    {
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(contentRoot))
        {
            problems.Add(new(contentRoot, null, ProblemSeverity.Error, "the content folder does not exist (set HelpCenter:ContentPath)"));
            return new ContentSnapshot([], [], problems);
        }

        var categories = LoadCategories(contentRoot, problems);
        var articles = new List<Article>();
        var files = ReadArticleFiles(contentRoot, problems);
        var slugs = files.Select(f => (f.Source.Language, f.Source.Slug)).ToHashSet();
        foreach (var file in files)
        {
            try
            {
                articles.Add(file.Source.Render(DateOnly.FromDateTime(file.LastWriteUtc), file.RelativePath));
                problems.AddRange(LinkChecker.Check(file.RelativePath, file.Source.Body, file.BodyLine, (language, slug) => slugs.Contains((language, slug))));
            }
            catch (MarkdownTooComplexException ex)
            {
                problems.Add(new(file.RelativePath, file.BodyLine, ProblemSeverity.Error, ex.Message));
            }
        }

        problems.AddRange(CategoryWarnings(articles, categories));
        return new ContentSnapshot(articles, categories, problems, LoadSynonyms(contentRoot, problems));
    }

    /// <summary>Articles whose category <c>categories.yml</c> does not list (they still appear, under the id).</summary>
    public static IEnumerable<ContentProblem> CategoryWarnings(IEnumerable<Article> articles, IReadOnlyList<Category> categories)
    {
        var known = categories.Select(c => c.Id).ToHashSet();
        return articles.Where(a => !known.Contains(a.CategoryId)).Select(article => new ContentProblem(article.SourcePath, null, ProblemSeverity.Warning,
            $"category '{article.CategoryId}' is not in {CategoriesFile}; the article is listed under that id until it is added"));
    }

    /// <summary>
    /// Every usable article file under <paramref name="contentRoot"/>, parsed but not rendered, in path order. Files with
    /// errors (and the second of two files with the same slug) are left out, with a problem naming file and line.
    /// </summary>
    public static IReadOnlyList<ArticleFile> ReadArticleFiles(string contentRoot, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var result = new List<ArticleFile>();
        if (!Directory.Exists(contentRoot))
        {
            return result;
        }

        var owners = new Dictionary<(string, string), string>();
        var files = Directory.EnumerateFiles(contentRoot, "*.md", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(contentRoot, path).Replace('\\', '/')))
            .Where(f => !f.Relative.Split('/').Any(part => part.StartsWith('.')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);

        foreach (var (path, relative) in files)
        {
            var file = ReadArticleFile(path, relative, problems);
            if (file is null)
            {
                continue;
            }

            var key = (file.Source.Language, file.Source.Slug);
            if (owners.TryGetValue(key, out var owner))
            {
                problems.Add(new(relative, null, ProblemSeverity.Error,
                    $"duplicate slug '{file.Source.Slug}' in '{file.Source.Language}': {owner} already uses it; rename the file or set another 'slug:'"));
                continue;
            }

            owners[key] = relative;
            result.Add(file);
        }

        return result;
    }

    /// <summary>The synonym rules as text, checked: problems are reported against <see cref="SynonymsFile"/>.</summary>
    public static SynonymSet ParseSynonyms(string text, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var synonyms = SynonymSet.Parse(text, out var lineProblems);
        problems.AddRange(lineProblems.Select(p => new ContentProblem(SynonymsFile, p.Line, ProblemSeverity.Warning, p.Message)));
        return synonyms;
    }

    private static SynonymSet LoadSynonyms(string contentRoot, List<ContentProblem> problems)
    {
        var path = Path.Combine(contentRoot, SynonymsFile);
        if (!File.Exists(path))
        {
            return SynonymSet.Empty;
        }

        return ParseSynonyms(File.ReadAllText(path), problems);
    }

    private static ArticleFile? ReadArticleFile(string path, string relative, List<ContentProblem> problems)
    {
        var parts = relative.Split('/');
        if (parts.Length < 2 || !Languages.IsSupported(parts[0]))
        {
            problems.Add(new(relative, null, ProblemSeverity.Error,
                $"articles must be inside a language folder: move it under {string.Join("/, ", Languages.All)}/"));
            return null;
        }

        string text;
        DateTime lastWrite;
        try
        {
            text = File.ReadAllText(path);
            lastWrite = File.GetLastWriteTimeUtc(path);
        }
        catch (IOException ex)
        {
            problems.Add(new(relative, null, ProblemSeverity.Error, $"cannot read the file: {ex.Message}"));
            return null;
        }

        var source = Parse(relative, parts[0], Path.GetFileNameWithoutExtension(path), text, problems, out var bodyLine);
        return source is null ? null : new ArticleFile(relative, text, lastWrite, source, bodyLine);
    }

    /// <summary>
    /// Parses the text of one article file (<paramref name="file"/> names it in problems). Null when the text has an
    /// error; the console's checks use this too, so that the browser and check-content report the same problems.
    /// </summary>
    public static ArticleSource? Parse(string file, string language, string fileSlug, string text, List<ContentProblem> problems, out int bodyLine)
    {
        ArgumentNullException.ThrowIfNull(fileSlug);
        var (front, body, line) = FrontMatter.Parse(file, text, problems);
        bodyLine = line;
        if (front is null)
        {
            return null;
        }

        var slug = front.Slug ?? fileSlug.ToLowerInvariant();
        if (!FrontMatter.IdPattern().IsMatch(slug))
        {
            problems.Add(new(file, 2, ProblemSeverity.Error,
                $"the file name '{fileSlug}.md' cannot be a URL: rename it with lower-case letters, digits and '-', or add 'slug: ...'"));
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add(new(file, line, ProblemSeverity.Error, "the article has no text after the front matter"));
            return null;
        }

        return new ArticleSource(language, slug, front.Title, front.Category, front.Tags, front.Summary, front.Faq, front.Order, front.Updated, body);
    }

    public static List<Category> LoadCategories(string contentRoot, List<ContentProblem> problems)
    {
        var path = Path.Combine(contentRoot, CategoriesFile);
        if (!File.Exists(path))
        {
            problems.Add(new(CategoriesFile, null, ProblemSeverity.Warning, "no categories file: every category is shown by its id"));
            return [];
        }

        YamlSequenceNode? list;
        try
        {
            var stream = new YamlStream();
            using var reader = File.OpenText(path);
            stream.Load(reader);
            list = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode as YamlSequenceNode;
        }
        catch (YamlException ex)
        {
            problems.Add(new(CategoriesFile, (int)ex.Start.Line, ProblemSeverity.Error, $"invalid YAML: {ex.Message}"));
            return [];
        }

        if (list is null)
        {
            problems.Add(new(CategoriesFile, 1, ProblemSeverity.Error, "the file must be a list of categories, each starting with '- id: ...'"));
            return [];
        }

        var categories = new List<Category>();
        foreach (var item in list.Children)
        {
            var line = (int)item.Start.Line;
            if (item is not YamlMappingNode map || Scalar(map, "id") is not { } id || !FrontMatter.IdPattern().IsMatch(id))
            {
                problems.Add(new(CategoriesFile, line, ProblemSeverity.Error, "each category needs 'id:' with lower-case letters, digits and '-'"));
                continue;
            }

            if (categories.Any(c => c.Id == id))
            {
                problems.Add(new(CategoriesFile, line, ProblemSeverity.Error, $"category '{id}' is listed twice"));
                continue;
            }

            var names = PerLanguage(map, "name");
            if (!names.ContainsKey(Languages.Default))
            {
                problems.Add(new(CategoriesFile, line, ProblemSeverity.Warning, $"category '{id}' has no Japanese name (name: {{ja: ...}})"));
            }

            var icon = Scalar(map, "icon") ?? Category.DefaultIcon;
            if (!FrontMatter.IdPattern().IsMatch(icon))
            {
                problems.Add(new(CategoriesFile, line, ProblemSeverity.Warning, $"icon '{icon}' of '{id}' must be the name of an SVG in wwwroot/icons/, such as 'lock'"));
                icon = Category.DefaultIcon;
            }

            var order = int.TryParse(Scalar(map, "order"), out var o) ? o : categories.Count + 1;
            categories.Add(new Category(id, order, icon, names, PerLanguage(map, "description"), Listed: true));
        }

        return categories;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static Dictionary<string, string> PerLanguage(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlMappingNode values
            ? values.Children
                .Where(kv => kv.Key is YamlScalarNode { Value: not null } && kv.Value is YamlScalarNode { Value: not null })
                .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!)
            : [];
}

/// <summary>An article file as read from the content folder, before rendering.</summary>
/// <param name="RelativePath">Path under the content root, forward slashes.</param>
/// <param name="Text">The file's text exactly as read (its hash tells whether it changed since the last import).</param>
/// <param name="BodyLine">Line of the file on which the Markdown body starts.</param>
public sealed record ArticleFile(string RelativePath, string Text, DateTime LastWriteUtc, ArticleSource Source, int BodyLine);
