using System.Text.RegularExpressions;
using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>
/// The words of the articles as written, per language, for "did you mean": Latin words and katakana words of three
/// characters or more (the words customers misspell; kanji are chosen from the IME's list, not typed letter by letter),
/// each with the number of articles using it. English also knows the English names of Japanese articles (their slugs).
/// </summary>
internal sealed partial class Vocabulary
{
    private readonly Dictionary<string, Dictionary<string, int>> _byLanguage;

    private Vocabulary(Dictionary<string, Dictionary<string, int>> byLanguage) => _byLanguage = byLanguage;

    [GeneratedRegex("[a-z][a-z0-9]{2,}|[ァ-ヺ][ァ-ヺー]{2,}")]
    private static partial Regex Word();

    public static Vocabulary Build(IEnumerable<SearchDocument> documents)
    {
        var byLanguage = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var text = JapaneseText.Normalize(string.Join(' ', d.Title, string.Join(' ', d.Tags), d.Summary, d.Body));
            Add(byLanguage, d.Language, Word().Matches(text).Select(m => m.Value));
            if (d.Language == "ja")
            {
                Add(byLanguage, "en", d.Slug.Split('-'));
            }
        }

        return new Vocabulary(byLanguage);
    }

    /// <summary>
    /// The word of <paramref name="language"/>'s articles closest to <paramref name="word"/> within the typo distance (one
    /// edit from 4 characters, two from 8; same first character), the most used among equals; null when none.
    /// </summary>
    public string? Closest(string word, string language)
    {
        if (word.Length < 4 || !_byLanguage.TryGetValue(language, out var words) || Word().Match(word).Length != word.Length || words.ContainsKey(word))
        {
            return null;
        }

        var maxEdits = QueryBuilder.TypoEdits(word.Length);
        return words
            .Where(w => w.Key[0] == word[0] && Math.Abs(w.Key.Length - word.Length) <= maxEdits)
            .Select(w => (Word: w.Key, Uses: w.Value, Edits: EditDistance.Within(word, w.Key, maxEdits)))
            .Where(w => w.Edits <= maxEdits)
            .OrderBy(w => w.Edits).ThenByDescending(w => w.Uses).ThenBy(w => w.Word, StringComparer.Ordinal)
            .Select(w => w.Word)
            .FirstOrDefault();
    }

    private static void Add(Dictionary<string, Dictionary<string, int>> byLanguage, string language, IEnumerable<string> words)
    {
        if (!byLanguage.TryGetValue(language, out var counts))
        {
            counts = new Dictionary<string, int>(StringComparer.Ordinal);
            byLanguage[language] = counts;
        }

        foreach (var word in words.Distinct())
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }
    }
}
