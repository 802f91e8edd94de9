using HelpCenter.Search.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpCenter.Search;

/// <summary>
/// One word of a query, as the result set counts it: an article has the word when one of its ways of matching does.
/// </summary>
/// <param name="Text">The word as written in the normalised query.</param>
/// <param name="Start">Offset in the normalised query.</param>
/// <param name="End">Offset after the word.</param>
/// <param name="Match">The ways an article can have the word: as a word (its analysed term, or every piece of a
/// compound), written out (its characters in a row), read (kana typed: the reading of a title or tag), a typo
/// correction, or a synonym of it.</param>
/// <param name="Kana">Typed in kana: matched mostly by reading, so not finding it does not mean the help center does not
/// know it.</param>
internal sealed record QueryWord(string Text, int Start, int End, WordMatch Match, bool Kana)
{
    /// <summary>Articles having the word, once counted (<see cref="WordCounts"/>).</summary>
    public int Articles { get; set; } = -1;
}

/// <summary>How an article has a word: a tree of term lookups, evaluated on postings alone (see <see cref="WordSets"/>).</summary>
internal abstract record WordMatch
{
    /// <summary>The term in any of the fields.</summary>
    public sealed record Term(string[] Fields, string Text) : WordMatch;

    /// <summary>The terms in a row in one of the fields: a word written out (its character bigrams) or read (its reading's).</summary>
    public sealed record Written(string[] Fields, string[] Terms) : WordMatch;

    /// <summary>Every part.</summary>
    public sealed record All(List<WordMatch> Parts) : WordMatch;

    /// <summary>Any part.</summary>
    public sealed record Any(List<WordMatch> Parts) : WordMatch;
}

/// <summary>
/// Splits a query into its words and builds, for each, the query that finds the articles having it. This is what makes a
/// result set mean something: character bigrams rank articles and find compounds the dictionary does not know
/// written out in full, but an article that only shares fragments of a word does not have it.
/// </summary>
internal sealed class QueryWords(QueryBuilder builder)
{
    /// <summary>Analysed written forms, by first field and text (the fields of one kind analyse alike), and the words of
    /// synonyms: bounded by the synonyms and queries, cleared when they grow past ten thousand entries.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Field, string Text), string[]> _tokens = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Language, string Text), List<Piece>> _alternatives = new();

    /// <summary>The fields in which an article has a word, per language: words (morphology, stemming or Chinese word
    /// segmentation), characters in a row (bigrams), and readings of titles and tags.</summary>
    private static readonly IReadOnlyDictionary<string, (string[] Words, string[] Written, string[] Readings)> Fields =
        new Dictionary<string, (string[], string[], string[])>
        {
            ["ja"] = (["title.morph", "tags.morph", "summary.morph", "body.morph"], ["title.bigram", "tags.bigram", "body.bigram"], ["title.reading", "tags.reading"]),
            ["en"] = (["title.en", "tags.en", "summary.en", "slug.en", "body.en"], [], []),
            ["zh"] = (["title.zh", "tags.zh", "summary.zh", "body.zh"], ["title.hanzi", "tags.hanzi", "summary.hanzi", "body.hanzi"], []),
        };

    /// <summary>
    /// The words of <paramref name="normalized"/> (a query already cleaned and normalised), split as
    /// <paramref name="splitLanguage"/> splits words, each with the query finding the articles of
    /// <paramref name="language"/> that have it, synonyms from <paramref name="synonyms"/> included for the words their
    /// trigger covers; <paramref name="key"/> tells how many of them (the first ones) name what the question is about
    /// (<paramref name="light"/>: none does, and those are all its words).
    /// Empty when the query has no word (only particles, symbols or stop words).
    /// </summary>
    public List<QueryWord> Words(string normalized, string splitLanguage, string language, IReadOnlyList<SynonymMatch> synonyms, IndexReader reader, out int key, out bool light)
    {
        key = 0;
        light = false;
        if (!Fields.TryGetValue(language, out var fields) || !Fields.TryGetValue(splitLanguage, out var splitFields))
        {
            return [];
        }

        var words = new List<QueryWord>();
        var lightWords = new List<QueryWord>();
        var alternatives = new Dictionary<string, WordMatch?>(StringComparer.Ordinal);
        foreach (var piece in Split(normalized, splitLanguage, splitFields.Words[0]))
        {
            var match = Match(piece, fields, reader);
            foreach (var synonym in synonyms.Where(s => s.Start < piece.End && piece.Start < s.End))
            {
                foreach (var alternative in synonym.Alternatives)
                {
                    // One object per synonym, so that its documents are looked up once for all the words it covers.
                    if (!alternatives.TryGetValue(alternative, out var all))
                    {
                        all = All(alternative, language, fields, reader);
                        alternatives[alternative] = all;
                    }

                    if (all is not null)
                    {
                        match.Parts.Add(all);
                    }
                }
            }

            var list = piece.Key ? words : lightWords;
            if (!words.Concat(lightWords).Any(w => w.Text == piece.Text))
            {
                list.Add(new QueryWord(piece.Text, piece.Start, piece.End, match, piece.Kana));
            }
        }

        // A question of light words only (どうやってお金入れるの) is about them.
        key = words.Count > 0 ? words.Count : lightWords.Count;
        light = words.Count == 0;
        words.AddRange(lightWords);
        return words;
    }

    /// <summary>How an article has every word of <paramref name="text"/> (a synonym), or null when it has none.</summary>
    /// <remarks>A synonym of light words only (入れない, 来ない) must be written as it is: its verbs alone (入れる) are in
    /// every other article. Otherwise its key words must all be there.</remarks>
    private WordMatch? All(string text, string language, (string[] Words, string[] Written, string[] Readings) fields, IndexReader reader)
    {
        var normalized = JapaneseText.Normalize(text);

        // Synonyms come from a file: their words are split once, not at every search.
        if (!_alternatives.TryGetValue((language, normalized), out var pieces))
        {
            if (_alternatives.Count > 10_000)
            {
                _alternatives.Clear();
            }

            pieces = Split(normalized, language, fields.Words[0]);
            _alternatives[(language, normalized)] = pieces;
        }

        if (pieces.Count > 0 && !pieces.Any(p => p.Key) && fields.Written.Length > 0)
        {
            return Written(fields.Written, normalized);
        }

        // Like a query, a synonym needs its key words only (パスワード of パスワード 再設定 is not enough, 届く of sms 届かない
        // is not needed).
        var all = pieces.Where(p => p.Key).Select(p => (WordMatch)Match(p, fields, reader)).ToList();
        return all.Count switch { 0 => null, 1 => all[0], _ => new WordMatch.All(all) };
    }

    private WordMatch.Any Match(Piece piece, (string[] Words, string[] Written, string[] Readings) fields, IndexReader reader)
    {
        var (text, terms, pieces, kana) = (piece.Text, piece.Terms, piece.Pieces, piece.Kana);
        var match = new WordMatch.Any([]);
        foreach (var term in terms)
        {
            match.Parts.Add(new WordMatch.Term(fields.Words, term));
            if (JapaneseText.IsLatinWord(term) && term.Length >= 4 && reader.DocFreq(new Term(fields.Words[^1], term)) == 0)
            {
                // Stemming shortens the word (verfication: verfic); the edits allowed follow the word as typed.
                foreach (var (spelling, _) in QueryBuilder.TypoExpansions(reader, fields.Words[^1], term, QueryBuilder.TypoEdits(Math.Max(term.Length, text.Length))))
                {
                    match.Parts.Add(new WordMatch.Term(fields.Words, spelling));
                }
            }
        }

        if (pieces.Length > 1 || (pieces.Length == 1 && !terms.Contains(pieces[0])))
        {
            match.Parts.Add(new WordMatch.All(pieces.Select(p => (WordMatch)new WordMatch.Term(fields.Words, p)).ToList()));
        }

        if (text.Any(IsCjk) && Written(fields.Written, text) is { } written)
        {
            match.Parts.Add(written);
        }

        if (kana && Written(fields.Readings, text) is { } read)
        {
            match.Parts.Add(read);
        }

        return match;
    }

    /// <summary>
    /// The text's terms in one of <paramref name="fields"/> (all analysed alike), in a row: the word written out (bigrams)
    /// or read (reading bigrams).
    /// </summary>
    private WordMatch.Written? Written(string[] fields, string text)
    {
        if (fields.Length == 0)
        {
            return null;
        }

        if (!_tokens.TryGetValue((fields[0], text), out var terms))
        {
            if (_tokens.Count > 10_000)
            {
                _tokens.Clear();
            }

            terms = builder.Tokens(fields[0], text).Select(t => t.Term).ToArray();
            _tokens[(fields[0], text)] = terms;
        }

        return terms.Length == 0 ? null : new WordMatch.Written(fields, terms);
    }

    /// <summary>A word found in a text, before its query is built.</summary>
    /// <param name="Text">As written.</param>
    /// <param name="Start">Offset in the text.</param>
    /// <param name="End">Offset after it.</param>
    /// <param name="Terms">Its analysed term(s) as a whole.</param>
    /// <param name="Pieces">For a compound, the terms of its parts.</param>
    /// <param name="Kana">Typed in kana: also matched by reading.</param>
    /// <param name="Key">Names what the question is about (a noun, a name); else a light word (verb, adjective...).</param>
    private sealed record Piece(string Text, int Start, int End, string[] Terms, string[] Pieces, bool Kana, bool Key);

    /// <summary>
    /// The words of a normalised text: each analysed term; a compound (二段階認証, MeCab's or adjacent name-like terms
    /// of the ICU fallback, or Chinese characters that the segmenter left one by one: 比 特 币) as one word with its
    /// pieces; a run of kana with hiragana in it between spaces (ぱすわーど, しんさ) as one word, since it is usually a
    /// word typed before conversion that the dictionary cuts into nonsense. Terms of symbols only are not words.
    /// </summary>
    private List<Piece> Split(string normalized, string language, string field)
    {
        var tokens = builder.Tokens(field, normalized).Where(t => t.Term.Any(char.IsLetterOrDigit)).ToList();
        var pieces = new List<Piece>();
        var kanaRuns = language == "ja" ? KanaSegments(normalized) : [];

        // A kana word that the dictionary reads as particles only (しんさ: し, ん, さ) is still a word.
        foreach (var (runStart, runEnd) in kanaRuns.Where(r => !tokens.Any(t => r.Start <= t.Start && t.End <= r.End)))
        {
            pieces.Add(new Piece(normalized[runStart..runEnd], runStart, runEnd, [], [], true, true));
        }

        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (kanaRuns.FindIndex(r => r.Start <= token.Start && token.End <= r.End) is var r and >= 0)
            {
                var (runStart, runEnd) = kanaRuns[r];
                var inside = tokens.Skip(i).TakeWhile(t => t.Start < runEnd).ToList();
                i += inside.Count;
                var terms = inside.Select(t => t.Term).Distinct().ToArray();
                pieces.Add(new Piece(normalized[runStart..runEnd], runStart, runEnd, terms.Length == 1 ? terms : [], terms.Length > 1 ? terms : [], true,
                    inside.Any(t => IsKey(t, language))));
                continue;
            }

            if (i + 1 < tokens.Count && tokens[i + 1] is { Increment: 0, Length: > 1 } compound)
            {
                var parts = new List<BufferedToken> { token };
                parts.AddRange(tokens.Skip(i + 2).Take(compound.Length - 1));
                i += 1 + compound.Length;

                // Its pieces, without suffixes and prefixes (化 of 有効化): an article saying 有効 has the word.
                var keyParts = parts.Where(p => IsKey(p, language)).Select(p => p.Term).ToArray();
                pieces.Add(new Piece(normalized[compound.Start..compound.End], compound.Start, compound.End, [compound.Term],
                    keyParts.Length > 0 ? keyParts : parts.Select(p => p.Term).ToArray(), false, keyParts.Length > 0));
                continue;
            }

            // Adjacent name-like terms that the analysis did not join: ICU's pieces of a compound, SmartCn's single characters.
            var run = new List<BufferedToken> { token };
            while (builder.Morphology == Morphology.Icu || language == "zh")
            {
                var next = i + run.Count < tokens.Count ? tokens[i + run.Count] : default;
                if (next.Term is null || next.Start != run[^1].End || !Joins(run[^1], next, language))
                {
                    break;
                }

                run.Add(next);
            }

            i += run.Count;
            var text = normalized[run[0].Start..run[^1].End];

            // Pieces of one character (化 of 有効化) are suffixes and prefixes when longer pieces stand beside them.
            var longer = run.Any(t => t.Term.Length > 1) && language != "zh" ? run.Where(t => t.Term.Length > 1).ToList() : run;
            pieces.Add(run.Count == 1
                ? new Piece(text, token.Start, token.End, [token.Term], [], false, IsKey(token, language) && !IsVerbStem(token, normalized))
                : new Piece(text, run[0].Start, run[^1].End, [string.Concat(run.Select(t => t.Term))], longer.Select(t => t.Term).ToArray(), false, true));
        }

        return pieces;
    }

    /// <summary>
    /// Without MeCab, a single kanji followed by hiragana (来 of 来ない, 見 of 見れない) is taken for the stem of a verb or
    /// adjective, whose ending the ICU word breaking split off: a light word. MeCab says so through its part of speech.
    /// </summary>
    private bool IsVerbStem(BufferedToken token, string text) =>
        builder.Morphology == Morphology.Icu && token.Term.Length == 1 && token.Term[0] is >= '\u4E00' and <= '\u9FFF' &&
        token.End < text.Length && text[token.End] is >= 'ぁ' and <= 'ゖ';

    /// <summary>Whether two adjacent terms are parts of one word: in Japanese (ICU) two name-like terms, in Chinese two
    /// single characters (the segmenter's way of saying it does not know the word).</summary>
    private static bool Joins(BufferedToken left, BufferedToken right, string language) => language switch
    {
        "zh" => left.Term.Length == 1 && right.Term.Length == 1 && IsCjk(left.Term[0]) && IsCjk(right.Term[0]) &&
                !ChineseLight.Contains(left.Term) && !ChineseLight.Contains(right.Term),
        _ => IsKey(left, language) && IsKey(right, language) && IsCjk(left.Term[0]) == IsCjk(right.Term[0]),
    };

    /// <summary>
    /// Whether a term names what a question is about. MeCab says so through its part of speech (see
    /// <see cref="BufferedTokenizer.LightType"/>); in any case a Japanese term with hiragana in it (a verb or adjective
    /// with its ending, a function word, やり方) is light, and so are nouns that ask (方法, 原因, 違い). English and Chinese have lists of light words: pronouns, question
    /// words, auxiliaries and the most general verbs. Numbers alone are light everywhere.
    /// </summary>
    private static bool IsKey(BufferedToken token, string language)
    {
        var term = token.Term;
        if (term.All(c => char.IsDigit(c) || !char.IsLetterOrDigit(c)) || token.Type == BufferedTokenizer.LightType)
        {
            return false;
        }

        return language switch
        {
            "en" => !EnglishLight.Contains(term),
            "zh" => !ChineseLight.Contains(term),
            _ => !term.Any(c => c is >= 'ぁ' and <= 'ゖ') && !JapaneseLight.Contains(term),
        };
    }

    /// <summary>Japanese nouns that ask rather than name: how, why, what it means.</summary>
    private static readonly HashSet<string> JapaneseLight = new(StringComparer.Ordinal)
    {
        "方法", "手順", "仕方", "見方", "対処", "対処法", "原因", "理由", "意味", "違い", "問題", "状態", "状況", "場所", "必要", "可能", "大丈夫",
        "不安", "自分", "誰か", "今", "最近", "全部", "一番", "普通", "本当", "件",
    };

    /// <summary>English words that do not say what a question is about (Lucene's stop words are already gone).</summary>
    private static readonly HashSet<string> EnglishLight = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "you", "your", "we", "our", "us", "he", "she", "him", "her", "his", "its", "them", "someon", "someone",
        "do", "doe", "does", "did", "done", "can", "could", "should", "would", "may", "might", "must", "shall", "have", "ha", "has", "had",
        "get", "got", "need", "want", "pleas", "please", "help", "how", "what", "which", "when", "where", "why", "who", "whom", "whose",
        "now", "still", "just", "onli", "only", "also", "again", "ever", "never", "alreadi", "already", "veri", "very", "much", "mani", "many",
        "some", "ani", "any", "all", "more", "most", "up", "out", "off", "about", "after", "befor", "before", "from", "over", "per", "own",
        "can't", "cannot", "don't", "doesn't", "didn't", "won't", "isn't", "it'", "i'm", "i'v", "im", "cant", "dont", "work", "happen",
        "make", "go", "use", "know", "tell", "see", "keep", "thing", "way", "new", "same", "other", "anoth", "another",
    };

    /// <summary>Chinese words that do not say what a question is about (the analysis drops 的, 了, 怎么 and a few more).</summary>
    private static readonly HashSet<string> ChineseLight = new(StringComparer.Ordinal)
    {
        "怎么办", "怎么样", "怎样", "咋", "咋办", "办", "多久", "多少", "几", "什么时候", "时候", "这个", "那个", "这", "那", "哪", "哪里", "哪儿",
        "意思", "有人", "有", "没有", "没", "不", "到", "把", "被", "别的", "其他", "要", "吗", "还", "就", "都", "也", "我们", "他", "她", "它",
        "收到", "想", "会", "请", "问", "为什么", "已经", "一直", "还是", "应该", "用", "做", "给", "让", "再", "又", "很", "太", "最", "上", "下",
    };

    /// <summary>Runs of kana between spaces that contain hiragana.</summary>
    private static List<(int Start, int End)> KanaSegments(string text)
    {
        var runs = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != ' ')
            {
                continue;
            }

            var segment = text.AsSpan(start, i - start);
            if (segment.Length > 0 && segment.IndexOfAnyExcept(KanaChars) < 0 && segment.ContainsAnyInRange('ぁ', 'ゖ'))
            {
                runs.Add((start, i));
            }

            start = i + 1;
        }

        return runs;
    }

    private static readonly System.Buffers.SearchValues<char> KanaChars =
        System.Buffers.SearchValues.Create(Enumerable.Range(0, char.MaxValue).Select(c => (char)c).Where(JapaneseText.IsKana).ToArray());

    private static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}

/// <summary>
/// Evaluates <see cref="WordMatch"/> trees on the index's postings: terms' documents (numbers only) are set in bit sets,
/// which the trees combine; the bit sets are reused within the search. A word written out is first looked for as all of
/// its bigrams, then its positions are checked, only in the articles that do not have the word in another way already
/// (the dictionary's word), which are few: positions cost more than the rest of the search when read for every article.
/// </summary>
internal sealed class WordSets(IndexReader reader)
{
    private readonly Dictionary<(string Field, int Leaf), (TermsEnum? Terms, DocsEnum? Docs)> _enums = [];
    private readonly Dictionary<WordMatch, FixedBitSet> _all = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<FixedBitSet> _spare = new();
    private readonly int _size = Math.Max(1, reader.MaxDoc);

    /// <summary>The documents having the word (deleted ones included; the search's filter removes them); the caller's to change.</summary>
    public FixedBitSet Of(WordMatch match)
    {
        var result = new FixedBitSet(_size);
        OrInto(match, result);
        return result;
    }

    private void OrInto(WordMatch match, FixedBitSet target)
    {
        switch (match)
        {
            case WordMatch.Term term:
                foreach (var field in term.Fields)
                {
                    AddPostings(field, term.Text, target);
                }

                break;

            case WordMatch.Written written:
                InARow(written, exclude: null, target);
                break;

            case WordMatch.All all:
                target.Or(Every(all));
                break;

            case WordMatch.Any any:
                foreach (var part in any.Parts.Where(p => p is not WordMatch.Written))
                {
                    OrInto(part, target);
                }

                foreach (var written in any.Parts.OfType<WordMatch.Written>())
                {
                    InARow(written, exclude: target, target);
                }

                break;
        }
    }

    /// <summary>Documents having every part; kept for the search, since the same synonym serves several words.</summary>
    private FixedBitSet Every(WordMatch.All all)
    {
        if (_all.TryGetValue(all, out var known))
        {
            return known;
        }

        var result = new FixedBitSet(_size);
        OrInto(all.Parts[0], result);
        var part = Rent();
        foreach (var next in all.Parts.Skip(1))
        {
            part.Clear(0, part.Length);
            OrInto(next, part);
            result.And(part);
        }

        _spare.Push(part);
        _all[all] = result;
        return result;
    }

    /// <summary>Adds to <paramref name="result"/> the documents outside <paramref name="exclude"/> having the written word's
    /// terms in a row in one of its fields.</summary>
    private void InARow(WordMatch.Written written, FixedBitSet? exclude, FixedBitSet result)
    {
        var candidates = Rent();
        var other = Rent();
        foreach (var field in written.Fields)
        {
            candidates.Clear(0, candidates.Length);
            AddPostings(field, written.Terms[0], candidates);
            foreach (var term in written.Terms.Skip(1).Distinct())
            {
                other.Clear(0, other.Length);
                AddPostings(field, term, other);
                candidates.And(other);
            }

            if (exclude is not null)
            {
                candidates.AndNot(exclude);
            }

            if (written.Terms.Length == 1)
            {
                result.Or(candidates);
                continue;
            }

            foreach (var leaf in reader.Leaves)
            {
                CheckPositions(leaf, field, written.Terms, candidates, result);
            }
        }

        _spare.Push(candidates);
        _spare.Push(other);
    }

    private FixedBitSet Rent() => _spare.Count > 0 ? _spare.Pop() : new FixedBitSet(_size);

    private static void CheckPositions(AtomicReaderContext leaf, string field, string[] terms, FixedBitSet candidates, FixedBitSet result)
    {
        var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
        var first = candidates.Length > leaf.DocBase ? candidates.NextSetBit(leaf.DocBase) : -1;
        if (first < 0 || first >= end || leaf.AtomicReader.GetTerms(field) is not { } fieldTerms)
        {
            return;
        }

        var enums = new DocsAndPositionsEnum[terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            var termsEnum = fieldTerms.GetEnumerator();
            if (!termsEnum.SeekExact(new BytesRef(terms[i])) || termsEnum.DocsAndPositions(null, null) is not { } positions)
            {
                return;
            }

            enums[i] = positions;
        }

        var starts = new HashSet<int>();
        for (var doc = first; doc >= 0 && doc < end; doc = doc + 1 < candidates.Length ? candidates.NextSetBit(doc + 1) : -1)
        {
            starts.Clear();
            for (var i = 0; i < terms.Length; i++)
            {
                var local = doc - leaf.DocBase;
                if (enums[i].DocID < local && enums[i].Advance(local) != local || enums[i].DocID != local)
                {
                    starts.Clear();
                    break;
                }

                var positions = new HashSet<int>();
                for (var f = 0; f < enums[i].Freq; f++)
                {
                    positions.Add(enums[i].NextPosition() - i);
                }

                if (i == 0)
                {
                    starts.UnionWith(positions);
                }
                else
                {
                    starts.IntersectWith(positions);
                }

                if (starts.Count == 0)
                {
                    break;
                }
            }

            if (starts.Count > 0)
            {
                result.Set(doc);
            }
        }
    }

    /// <summary>Sets the documents of <paramref name="term"/> in <paramref name="field"/>, reusing one terms enumerator and
    /// one postings reader per field and segment.</summary>
    private void AddPostings(string field, string term, FixedBitSet target)
    {
        BytesRef? bytes = null;
        foreach (var leaf in reader.Leaves)
        {
            if (!_enums.TryGetValue((field, leaf.Ord), out var enums))
            {
                enums = (leaf.AtomicReader.GetTerms(field)?.GetEnumerator(), null);
            }

            bytes ??= new BytesRef(term);
            if (enums.Terms is null || !enums.Terms.SeekExact(bytes))
            {
                _enums[(field, leaf.Ord)] = enums;
                continue;
            }

            var docs = enums.Terms.Docs(null, enums.Docs, DocsFlags.NONE);
            _enums[(field, leaf.Ord)] = (enums.Terms, docs);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                target.Set(leaf.DocBase + doc);
            }
        }
    }
}

/// <summary>
/// Counts, per document, how many of a query's words it has, from each word's documents (<see cref="WordSets"/>), within
/// the search's filter. Arrays are pooled.
/// </summary>
internal sealed class WordCounts : IDisposable
{
    private readonly int[] _counts;
    private readonly int _maxDoc;
    private readonly IReadOnlyDictionary<int, int>? _redirect;

    /// <summary>Counts for documents up to <paramref name="maxDoc"/>; a document that <paramref name="redirect"/> names counts
    /// for the one it names (see <see cref="AllHits"/>).</summary>
    public WordCounts(int maxDoc, IReadOnlyDictionary<int, int>? redirect = null)
    {
        _maxDoc = Math.Max(1, maxDoc);
        _redirect = redirect is { Count: > 0 } ? redirect : null;
        _counts = System.Buffers.ArrayPool<int>.Shared.Rent(_maxDoc);
        Array.Clear(_counts, 0, _maxDoc);
    }

    /// <summary>Words the document has.</summary>
    public int this[int doc] => _counts[doc];

    /// <summary>Counts the documents of <paramref name="visible"/> having <paramref name="word"/>; returns how many there are.</summary>
    public int Count(WordSets sets, QueryWord word, FixedBitSet visible)
    {
        var bits = sets.Of(word.Match);
        bits.And(visible);
        var matched = 0;
        for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
        {
            // A translation counts once even when both it and its original have the word.
            var target = _redirect is not null && _redirect.TryGetValue(doc, out var translation) ? translation : doc;
            if (target != doc && bits.Get(target))
            {
                continue;
            }

            _counts[target]++;
            matched++;
        }

        return matched;
    }

    public void Dispose() => System.Buffers.ArrayPool<int>.Shared.Return(_counts);
}
