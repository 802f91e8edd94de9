using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>
/// Typeahead over article titles, in memory: a title is suggested when it (or one of its tags) starts with or
/// contains what was typed, or when its reading in hiragana contains the reading of what was typed, so kana
/// typed while a Japanese IME is still composing (にだんかい) already finds 二段階認証.
/// </summary>
internal sealed class Suggester(Func<string, string> readingOf)
{
    private Dictionary<string, List<Entry>> _byLanguage = [];

    public void Load(IEnumerable<SearchDocument> documents)
    {
        var entries = documents
            .Select(d => new Entry(d, JapaneseText.Normalize(d.Title), readingOf(d.Title), d.Tags.Select(JapaneseText.Normalize).ToArray()))
            .GroupBy(e => e.Document.Language)
            .ToDictionary(g => g.Key, g => g.ToList());
        _byLanguage = entries;
    }

    public IReadOnlyList<Suggestion> Suggest(string text, string language, int limit)
    {
        var query = JapaneseText.Normalize(QueryBuilder.Clean(text));
        if (query.Length == 0 || !_byLanguage.TryGetValue(language, out var entries))
        {
            return [];
        }

        var reading = readingOf(query);
        var ranked = new List<(int Rank, Entry Entry)>();
        foreach (var entry in entries)
        {
            var rank = entry.Title.StartsWith(query, StringComparison.Ordinal) ? 0
                : entry.Title.Contains(query, StringComparison.Ordinal) ? 1
                : reading.Length >= 2 && entry.Reading.Contains(reading, StringComparison.Ordinal) ? 2
                : entry.Tags.Any(t => t.StartsWith(query, StringComparison.Ordinal)) ? 3
                : -1;
            if (rank >= 0)
            {
                ranked.Add((rank, entry));
            }
        }

        return ranked
            .OrderBy(r => r.Rank).ThenByDescending(r => r.Entry.Document.Faq).ThenBy(r => r.Entry.Title.Length)
            .Take(limit)
            .Select(r => new Suggestion(r.Entry.Document.Slug, r.Entry.Document.Title, r.Entry.Document.Url))
            .ToList();
    }

    private sealed record Entry(SearchDocument Document, string Title, string Reading, string[] Tags);
}
