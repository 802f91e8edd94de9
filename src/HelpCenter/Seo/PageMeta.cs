namespace HelpCenter.Seo;

/// <summary>
/// What a page tells search engines and link previews, rendered in the layout's head by <c>_Meta</c>: the canonical
/// URL, the same page in other languages (hreflang), the OpenGraph type and JSON-LD blocks. Paths are site-relative;
/// the partial makes them absolute with the public base URL.
/// </summary>
public sealed record PageMeta(string CanonicalPath)
{
    public const string ViewDataKey = "Meta";

    /// <summary>The page in each language it exists in (culture name, path), including itself.</summary>
    public IReadOnlyList<(string Culture, string Path)> Alternates { get; init; } = [];

    /// <summary>OpenGraph type: <c>website</c> or <c>article</c>.</summary>
    public string OpenGraphType { get; init; } = "website";

    /// <summary>Structured data, each already serialised by <see cref="StructuredData"/>.</summary>
    public IReadOnlyList<string> JsonLd { get; init; } = [];
}
