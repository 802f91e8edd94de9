using HelpCenter.Localization;
using HelpCenter.Search;

namespace HelpCenter.Articles;

/// <summary>Everything loaded from the content folder at one moment. Immutable: a reload builds a new one.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<(string Language, string Slug), Article> _bySlug;

    public ContentSnapshot(IReadOnlyList<Article> articles, IReadOnlyList<Category> categories, IReadOnlyList<ContentProblem> problems, SynonymSet? synonyms = null)
    {
        Articles = articles;
        Problems = problems;
        Synonyms = synonyms ?? SynonymSet.Empty;
        _bySlug = articles.ToDictionary(a => (a.Language, a.Slug));

        // Categories used by articles but missing from categories.yml still appear, under their id.
        var listed = categories.Select(c => c.Id).ToHashSet();
        Categories = categories
            .Concat(articles.Select(a => a.CategoryId).Distinct().Where(id => !listed.Contains(id)).Order().Select(Category.Unlisted))
            .OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }

    public static ContentSnapshot Empty { get; } = new([], [], []);

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<Category> Categories { get; }

    public IReadOnlyList<ContentProblem> Problems { get; }

    /// <summary>Search synonyms from <c>synonyms.txt</c>.</summary>
    public SynonymSet Synonyms { get; }

    public Article? Find(string language, string slug) => _bySlug.GetValueOrDefault((language, slug));

    public Category? FindCategory(string id) => Categories.FirstOrDefault(c => c.Id == id);

    public int CountIn(string language) => Articles.Count(a => a.Language == language);

    /// <summary>The article in the requested language, or the Japanese original when it has no translation yet.</summary>
    public Article? FindWithFallback(string language, string slug) =>
        Find(language, slug) ?? Find(Languages.Default, slug);

    /// <summary>Articles as a reader of <paramref name="language"/> sees them: their own, plus Japanese ones not yet translated.</summary>
    public IEnumerable<Article> VisibleIn(string language) =>
        Articles.Where(a => a.Language == language ||
                            (a.Language == Languages.Default && Find(language, a.Slug) is null));

    public IReadOnlyList<Article> Translations(Article article) =>
        Articles.Where(a => a.Slug == article.Slug && a.Language != article.Language).ToList();
}
