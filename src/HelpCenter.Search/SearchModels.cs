namespace HelpCenter.Search;

/// <summary>What the index knows about one article in one language. Built by the web app from its content.</summary>
/// <param name="Language">ja, en or zh: decides how the text is analysed.</param>
/// <param name="Slug">URL name, shared by translations.</param>
/// <param name="Title">Title as shown.</param>
/// <param name="Tags">Editor keywords.</param>
/// <param name="Summary">One-sentence summary.</param>
/// <param name="Body">Body as plain text (no markup).</param>
/// <param name="Category">Category id.</param>
/// <param name="Url">Where the article lives on the site.</param>
/// <param name="Faq">Listed on the FAQ page (a small boost for suggestions).</param>
public sealed record SearchDocument(
    string Language,
    string Slug,
    string Title,
    IReadOnlyList<string> Tags,
    string Summary,
    string Body,
    string Category,
    string Url,
    bool Faq = false)
{
    /// <summary>Unique key in the index.</summary>
    public string Id => $"{Language}:{Slug}";
}

/// <summary>A search as the customer asked it.</summary>
/// <param name="Text">Whatever was typed; any string is accepted.</param>
/// <param name="Language">The language the customer browses in (ja, en or zh): its articles are searched, and in English and
/// Chinese the Japanese articles not translated into it.</param>
/// <param name="Category">Optional category filter.</param>
/// <param name="Offset">Results to skip (paging).</param>
/// <param name="Limit">Results to return, 1..50.</param>
public sealed record SearchRequest(string Text, string Language, string? Category = null, int Offset = 0, int Limit = 10)
{
    /// <summary>When nothing matches, look for a correction (<see cref="SearchResults.DidYouMean"/>); on by default.</summary>
    public bool Suggest { get; init; } = true;
}

/// <summary>One result.</summary>
/// <param name="Slug">Article slug.</param>
/// <param name="Language">Article language.</param>
/// <param name="Title">Plain title.</param>
/// <param name="TitleHtml">Title, HTML-escaped, with matched words in &lt;mark&gt;.</param>
/// <param name="Url">Article URL.</param>
/// <param name="Summary">Plain summary.</param>
/// <param name="SnippetHtml">A passage of the body around the matches, HTML-escaped, matches in &lt;mark&gt;.</param>
/// <param name="Category">Category id.</param>
/// <param name="Score">Relevance score (higher is better; comparable only within one search).</param>
/// <param name="MatchedTerms">The query words found in this article: why it was offered.</param>
public sealed record SearchHit(
    string Slug,
    string Language,
    string Title,
    string TitleHtml,
    string Url,
    string Summary,
    string SnippetHtml,
    string Category,
    float Score,
    IReadOnlyList<string> MatchedTerms);

/// <summary>A page of results with facet counts.</summary>
/// <param name="Query">The query as searched (cleaned and capped).</param>
/// <param name="Total">Number of matching articles (with the category filter).</param>
/// <param name="Hits">The requested page.</param>
/// <param name="Facets">Matches per category, ignoring the category filter.</param>
public sealed record SearchResults(string Query, int Total, IReadOnlyList<SearchHit> Hits, IReadOnlyDictionary<string, int> Facets)
{
    /// <summary>When nothing matched: the query with a word the help center does not know replaced by a known word within
    /// the typo distance, if that query has results.</summary>
    public string? DidYouMean { get; init; }

    /// <summary>When nothing matched: the category of the articles that have some of the query's words (not enough to be
    /// results), the best scored first; null when none has any.</summary>
    public string? GuessedCategory { get; init; }

    /// <summary>No results for an empty or meaningless query.</summary>
    public static SearchResults Empty(string query) => new(query, 0, [], new Dictionary<string, int>());
}

/// <summary>A typeahead suggestion: an article title.</summary>
/// <param name="Slug">Article slug.</param>
/// <param name="Title">Title as shown.</param>
/// <param name="Url">Article URL.</param>
/// <param name="Language">The article's language (ja for a Japanese article offered to an English or Chinese reader).</param>
public sealed record Suggestion(string Slug, string Title, string Url, string Language = "");
