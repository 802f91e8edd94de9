namespace HelpCenter.Articles;

/// <summary>One published article in one language, rendered once when the content is loaded.</summary>
public sealed record Article(
    string Language,
    string Slug,
    string Title,
    string CategoryId,
    IReadOnlyList<string> Tags,
    string Summary,
    bool Faq,
    int Order,
    DateOnly Updated,
    string Html,
    IReadOnlyList<TocEntry> Toc,
    string PlainText,
    string SourcePath)
{
    public string Url => ArticleUrls.Article(Language, Slug);
}

/// <summary>A heading that the table of contents links to.</summary>
public sealed record TocEntry(int Level, string Id, string Text);

public static class ArticleUrls
{
    public static string Article(string language, string slug) => $"/{language}/articles/{slug}";

    public static string Category(string language, string categoryId) => $"/{language}/categories/{categoryId}";
}
