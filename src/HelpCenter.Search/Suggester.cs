using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>
/// Typeahead over article titles, in memory. Every word typed must match, in any order: in the title, or in its reading
/// in hiragana for words typed in kana (so kana typed while a Japanese IME is still composing, にだんかい, already finds
/// 二段階認証), or in a tag. Words match where they stand in the text (Latin words at the start of a word), so the last
/// word, still being typed, matches as a prefix. Titles matching every word come first, then those that need a tag or a
/// reading; FAQ articles and shorter titles first among equals. English and Chinese readers also get the Japanese articles
/// not translated for them (by their English name too, the slug, for English readers), and Japanese typed in their
/// interface also finds the Japanese titles of translated articles, offered as the translation.
/// </summary>
internal sealed class Suggester(Func<string, string> readingOf)
{
    private Dictionary<string, List<Entry>> _byLanguage = [];

    public void Load(IEnumerable<SearchDocument> documents)
    {
        var all = documents.ToList();
        var bySlug = all.GroupBy(d => (d.Language, d.Slug)).ToDictionary(g => g.Key, g => g.First());
        var entries = new Dictionary<(string, string), Entry>();
        Entry Of(SearchDocument d)
        {
            if (!entries.TryGetValue((d.Language, d.Slug), out var entry))
            {
                entry = new Entry(
                    d,
                    JapaneseText.Normalize(d.Title),
                    readingOf(d.Title),
                    string.Join('\u0001', d.Tags.Select(JapaneseText.Normalize)),
                    string.Join('\u0001', d.Tags.Select(readingOf)),
                    d.Language == "ja" ? d.Slug.Replace('-', ' ') : "");
                entries[(d.Language, d.Slug)] = entry;
            }

            return entry;
        }

        // A Japanese article knows its translations, so that a reader of one finds it by its Japanese title.
        foreach (var d in all)
        {
            var entry = Of(d);
            if (d.Language == "ja")
            {
                entry.English = bySlug.TryGetValue(("en", d.Slug), out var en) ? Of(en) : null;
                entry.Chinese = bySlug.TryGetValue(("zh", d.Slug), out var zh) ? Of(zh) : null;
            }
        }

        _byLanguage = entries.Values.GroupBy(e => e.Document.Language).ToDictionary(g => g.Key, g => g.ToList());
    }

    public IReadOnlyList<Suggestion> Suggest(string text, string language, int limit)
    {
        var query = JapaneseText.Normalize(QueryBuilder.Clean(text));
        if (language == "zh")
        {
            query = ChineseText.ToSimplified(query);
        }

        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new Word(w, IsKana(w) ? readingOf(w) : "")).ToList();
        if (words.Count == 0 || !_byLanguage.TryGetValue(language, out var own))
        {
            return [];
        }

        // The best "limit" (and a few more, in case a translation and its original both match) by rank, FAQ first, shorter
        // titles first; the heap's root is the worst kept.
        var best = new PriorityQueue<Entry, (int Rank, bool Faq, int Length, string Slug)>(WorstFirst.Instance);
        void Consider(Entry entry, Entry shown, bool byName)
        {
            var rank = Rank(entry, words, byName);
            if (rank >= 0)
            {
                best.Enqueue(shown, (rank, shown.Document.Faq, shown.Title.Length, shown.Document.Slug));
                if (best.Count > limit * 2)
                {
                    best.Dequeue();
                }
            }
        }

        foreach (var entry in own)
        {
            Consider(entry, entry, false);
        }

        if (language != "ja" && _byLanguage.TryGetValue("ja", out var japanese))
        {
            var japaneseScript = JapaneseText.HasJapaneseScript(query, language);
            foreach (var entry in japanese)
            {
                var translation = language == "en" ? entry.English : entry.Chinese;
                if (translation is null || japaneseScript)
                {
                    Consider(entry, translation ?? entry, translation is null);
                }
            }
        }

        var ranked = new List<Entry>(best.Count);
        while (best.TryDequeue(out var entry, out _))
        {
            ranked.Add(entry);
        }

        ranked.Reverse();
        return ranked
            .DistinctBy(e => e.Document.Slug)
            .Take(limit)
            .Select(e => new Suggestion(e.Document.Slug, e.Document.Title, e.Document.Url, e.Document.Language))
            .ToList();
    }

    /// <summary>
    /// How well the entry matches every word, or -1 when one does not match: the worst of its words, each 0 when the title
    /// starts with it, 1 when the title has it written, 2 when the title's reading has it, 3 when a tag or the English
    /// name has it.
    /// </summary>
    private static int Rank(Entry entry, List<Word> words, bool byName)
    {
        var rank = 0;
        foreach (var word in words)
        {
            var matched = entry.Title.StartsWith(word.Text, StringComparison.Ordinal) ? 0
                : Has(entry.Title, word.Text) ? 1
                : word.Reading.Length >= 2 && entry.Reading.Contains(word.Reading, StringComparison.Ordinal) ? 2
                : Has(entry.Tags, word.Text) || (word.Reading.Length >= 2 && entry.TagReadings.Contains(word.Reading, StringComparison.Ordinal)) ? 3
                : byName && Has(entry.Name, word.Text) ? 3
                : -1;
            if (matched < 0)
            {
                return -1;
            }

            rank = Math.Max(rank, matched);
        }

        return rank;
    }

    /// <summary>The word in the text: anywhere for Japanese and Chinese, at the start of a word for Latin letters and digits.</summary>
    private static bool Has(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsAsciiLetterOrDigit(word[0]) || !char.IsAsciiLetterOrDigit(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKana(string word) => word.All(c => JapaneseText.IsKana(c));

    /// <summary>A typed word, with its reading in hiragana when it was typed in kana.</summary>
    private sealed record Word(string Text, string Reading);

    private sealed record Entry(SearchDocument Document, string Title, string Reading, string Tags, string TagReadings, string Name)
    {
        /// <summary>For a Japanese article, its English translation, if any.</summary>
        public Entry? English { get; set; }

        /// <summary>For a Japanese article, its Chinese translation, if any.</summary>
        public Entry? Chinese { get; set; }
    }

    /// <summary>Orders suggestions worst first: higher rank, not FAQ, longer title, then slug.</summary>
    private sealed class WorstFirst : IComparer<(int Rank, bool Faq, int Length, string Slug)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((int Rank, bool Faq, int Length, string Slug) x, (int Rank, bool Faq, int Length, string Slug) y)
        {
            var byRank = y.Rank.CompareTo(x.Rank);
            if (byRank != 0)
            {
                return byRank;
            }

            var byFaq = x.Faq.CompareTo(y.Faq);
            if (byFaq != 0)
            {
                return byFaq;
            }

            var byLength = y.Length.CompareTo(x.Length);
            return byLength != 0 ? byLength : string.CompareOrdinal(y.Slug, x.Slug);
        }
    }
}
