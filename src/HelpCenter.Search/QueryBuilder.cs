using System.Text;
using HelpCenter.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpCenter.Search;

/// <summary>
/// Turns what a customer typed into a Lucene query without ever handing the text to a query parser: the text
/// is cleaned and capped, analysed per field, and every clause is built from the resulting terms. No
/// operator, wildcard, regular expression or bracket in the input has any meaning.
/// </summary>
public sealed class QueryBuilder(AnalyzerSet analyzers)
{
    /// <summary>Weight of synonym alternatives, shared among them (0.3 scored best on the evaluation set; 0.7: MRR 0.947).</summary>
    public const float SynonymWeight = 0.3f;

    /// <summary>From this many words on, a query is a sentence and bigram fields count half.</summary>
    public const int LongQueryWords = 5;

    /// <summary>Longest query analysed, in characters; the rest is ignored.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>
    /// Fields searched (and indexed) per language, with their weights: title above tags and summary above body.
    /// Weights and fields were chosen on the evaluation set (docs/search-quality.md): summary bigrams and body
    /// readings were dropped (same quality, 10 % less time), and the body counts half a title, not a sixth.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, (string Field, float Boost)[]> Fields = new Dictionary<string, (string, float)[]>
    {
        ["ja"] =
        [
            ("title.morph", 4f), ("tags.morph", 3f), ("summary.morph", 3f), ("body.morph", 2f),
            ("title.bigram", 2f), ("tags.bigram", 1.5f), ("body.bigram", 0.8f),
            ("title.reading", 1f), ("tags.reading", 1f),
        ],
        ["en"] = [("title.en", 4f), ("tags.en", 3f), ("summary.en", 3f), ("body.en", 2f)],

        // The English names of Japanese articles (their slugs), for English readers; scored apart, so that an article
        // found by its name alone is not scaled down for missing the other English fields.
        [Names] = [("slug.en", 8f)],
        ["zh"] =
        [
            ("title.zh", 4f), ("tags.zh", 3f), ("summary.zh", 3f), ("body.zh", 2f),
            ("title.hanzi", 2f), ("tags.hanzi", 1.5f), ("summary.hanzi", 1.2f), ("body.hanzi", 0.8f),
        ],
    };

    /// <summary>The <see cref="Fields"/> entry of the English names of Japanese articles.</summary>
    internal const string Names = "names";

    /// <summary>How Japanese is split into words.</summary>
    internal Morphology Morphology => analyzers.Morphology;

    /// <summary>Removes control characters, collapses white space and caps the length. Never throws.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxQueryLength));
        var lastWasSpace = true;
        foreach (var rune in text.EnumerateRunes())
        {
            if (builder.Length >= MaxQueryLength)
            {
                break;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse or System.Globalization.UnicodeCategory.OtherNotAssigned)
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                    lastWasSpace = true;
                }

                continue;
            }

            builder.Append(rune.ToString());
            lastWasSpace = false;
        }

        return builder.ToString().Trim();
    }

    /// <summary>Terms of <paramref name="text"/> as the query analyzer produces them for <paramref name="field"/>.</summary>
    public List<string> Analyze(string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzers.Query.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Tokens of <paramref name="text"/> as the query analyzer produces them for <paramref name="field"/>, with
    /// offsets in <paramref name="text"/>, position increments and lengths (a compound spans its pieces) and types.</summary>
    internal List<BufferedToken> Tokens(string field, string text)
    {
        var tokens = new List<BufferedToken>();
        using var stream = analyzers.Query.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var length = stream.AddAttribute<IPositionLengthAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new BufferedToken(term.ToString(), offset.StartOffset, offset.EndOffset, increment.PositionIncrement, length.PositionLength, type.Type));
        }

        stream.End();
        return tokens;
    }

    /// <summary>
    /// The query for the cleaned text and its synonym <paramref name="alternatives"/>; null when nothing searchable
    /// remains.
    /// Terms are looked up in <paramref name="reader"/>'s index: character bigrams and readings found in more than
    /// an eighth of the language's articles are left out, since under BM25 they carry almost no weight, yet every
    /// one of them makes the scorer visit most of the index.
    /// </summary>
    public Query? Build(string cleanedText, string language, IReadOnlyList<string> alternatives, IndexReader reader)
    {
        ArgumentNullException.ThrowIfNull(alternatives);
        ArgumentNullException.ThrowIfNull(reader);
        if (!Fields.TryGetValue(language, out var fields) || cleanedText.Length == 0)
        {
            return null;
        }

        var context = new BuildContext(reader, reader.DocFreq(new Term("lang", language)));
        var query = new BooleanQuery();
        AddText(query, cleanedText, fields, 1f, context);
        AddQuotedPhrases(query, cleanedText, language);

        // Alternatives share a weight, so that a word with many synonyms does not outweigh the rest of the query.
        // They are matched as words and bigrams, not readings (a synonym is already the spelling to look for).
        foreach (var alternative in alternatives)
        {
            AddText(query, alternative, fields.Where(f => !f.Field.EndsWith(".reading", StringComparison.Ordinal)).ToArray(),
                SynonymWeight / MathF.Sqrt(alternatives.Count), context);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>The benchmark and evaluation baseline: a plain OR of the query's character bigrams over the body.</summary>
    public Query? BuildBigramBaseline(string cleanedText, string language)
    {
        var field = BigramField("body", language);
        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in Analyze(field, cleanedText).Distinct())
        {
            query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>What one Build shares: the analysis of each text per kind of field (title, tags, summary and body
    /// are analysed alike), the terms' entries in the term dictionary, and the typo-tolerant spellings of words.</summary>
    private sealed class BuildContext(IndexReader reader, int languageDocs)
    {
        private readonly Dictionary<(string Kind, string Text), List<string>> _analysed = [];
        private readonly Dictionary<(string Kind, string Word), List<(string Spelling, float Boost)>> _fuzzy = [];
        private readonly Dictionary<(string Field, string Term), TermContext> _states = [];
        private readonly Dictionary<(string Field, int Leaf), TermsEnum?> _termsEnums = [];
        private readonly HashSet<(string Field, string Term)> _claimed = [];

        /// <summary>
        /// True the first time a term is claimed for a field in this search. The customer's words are added first,
        /// then each synonym, so a term they share (ログイン in 不正ログイン and in each of its alternatives) is scored
        /// once, where it counts most, instead of once per alternative: the same postings are not walked again.
        /// </summary>
        public bool Claim(string field, string term) => _claimed.Add((field, term));

        public List<string> Terms(QueryBuilder builder, string field, string text)
        {
            var kind = Kind(field);
            if (!_analysed.TryGetValue((kind, text), out var terms))
            {
                terms = builder.Analyze(field, text).Distinct().ToList();
                _analysed[(kind, text)] = terms;
            }

            return terms;
        }

        /// <summary>
        /// The typo-tolerant spellings of <paramref name="word"/> (see <see cref="TypoExpansions"/>), looked up once
        /// per word in the body field of <paramref name="field"/>'s kind, which holds nearly every word of the
        /// titles, tags and summaries too, and reused for those fields.
        /// </summary>
        public List<(string Spelling, float Boost)> FuzzyExpansions(string field, string word)
        {
            var kind = Kind(field);
            if (!_fuzzy.TryGetValue((kind, word), out var expansions))
            {
                expansions = TypoExpansions(reader, "body." + kind, word);
                _fuzzy[(kind, word)] = expansions;
            }

            return expansions;
        }

        /// <summary>
        /// True when no article's body has <paramref name="word"/> (analysed for <paramref name="field"/>'s kind): a
        /// misspelling, which only typo tolerance can match. A word the index knows is taken as spelled right, and is
        /// not expanded to its neighbours (phone to phones is stemming's work, not typo tolerance's).
        /// </summary>
        public bool IsUnknown(string field, string word) => State("body." + Kind(field), word).DocFreq == 0;

        /// <summary>A field's kind of analysis: "morph" for title.morph; fields of one kind are analysed alike.</summary>
        private static string Kind(string field) => field[(field.IndexOf('.', StringComparison.Ordinal) + 1)..];

        public bool IsInformative(string field, string term)
        {
            if (languageDocs < 20 || field.EndsWith(".morph", StringComparison.Ordinal) ||
                field.EndsWith(".en", StringComparison.Ordinal) || field.EndsWith(".zh", StringComparison.Ordinal))
            {
                return true;
            }

            return State(field, term).DocFreq <= languageDocs / 8;
        }

        /// <summary>
        /// The term's statistics and place in every segment's term dictionary, looked up once per search with one
        /// terms enumerator per field and segment. Handed to the <see cref="TermQuery"/>, it spares Lucene a second
        /// lookup with a new enumerator for every clause.
        /// </summary>
        public TermContext State(string field, string term)
        {
            if (!_states.TryGetValue((field, term), out var state))
            {
                state = new TermContext(reader.Context);
                var bytes = new BytesRef(term);
                foreach (var leaf in reader.Leaves)
                {
                    if (!_termsEnums.TryGetValue((field, leaf.Ord), out var termsEnum))
                    {
                        termsEnum = leaf.AtomicReader.GetTerms(field)?.GetEnumerator();
                        _termsEnums[(field, leaf.Ord)] = termsEnum;
                    }

                    if (termsEnum is not null && termsEnum.SeekExact(bytes))
                    {
                        state.Register(termsEnum.GetTermState(), leaf.Ord, termsEnum.DocFreq, termsEnum.TotalTermFreq);
                    }
                }

                _states[(field, term)] = state;
            }

            return state;
        }
    }

    private void AddText(BooleanQuery query, string text, (string Field, float Boost)[] fields, float weight, BuildContext context)
    {
        // In a long question the character bigrams of every phrase add more noise than recall: the words carry it.
        var words = fields.Any(f => f.Field.EndsWith(".morph", StringComparison.Ordinal)) ? context.Terms(this, "title.morph", text).Count : 0;
        var isSentence = words >= LongQueryWords;
        var bigramWeight = isSentence ? 0.5f : 1f;
        foreach (var (field, boost) in fields)
        {
            var source = field.EndsWith(".reading", StringComparison.Ordinal) ? ReadingSource(text, isSentence) : text;
            var terms = source.Length == 0 ? [] : context.Terms(this, field, source).Where(t => context.IsInformative(field, t) && context.Claim(field, t)).ToList();
            if (terms.Count == 0)
            {
                continue;
            }

            var fieldQuery = new FieldQuery();
            foreach (var term in terms)
            {
                fieldQuery.Add(new TermQuery(new Term(field, term), context.State(field, term)), Occur.SHOULD);
                if (IsFuzzyField(field) && JapaneseText.IsLatinWord(term) && term.Length >= 4 && context.IsUnknown(field, term))
                {
                    fieldQuery.Add(Fuzzy(field, term, context), Occur.SHOULD);
                }
            }

            // A sentence describes a situation, which the body explains; its words in a title are weaker evidence.
            var sentenceWeight = isSentence && (field.StartsWith("title.", StringComparison.Ordinal) || field.StartsWith("tags.", StringComparison.Ordinal)) ? 0.5f : 1f;
            fieldQuery.Boost = boost * weight * sentenceWeight * (IsBigramField(field) ? bigramWeight : 1f);
            query.Add(fieldQuery, Occur.SHOULD);
        }
    }

    /// <summary>
    /// Text the customer put in quotes (「数量が正しくありません」, "Invalid code") is usually a message copied from
    /// the screen: it also has to match as a phrase of character bigrams, which ranks the article quoting it first.
    /// </summary>
    private void AddQuotedPhrases(BooleanQuery query, string text, string language)
    {
        if (language == "en")
        {
            return;
        }

        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "[「『\"“]([^」』\"”]{2,60})[」』\"”]"))
        {
            var terms = Analyze(BigramField("body", language), match.Groups[1].Value);
            if (terms.Count < 2)
            {
                continue;
            }

            foreach (var (field, boost) in new[] { (BigramField("body", language), 8f), (BigramField("title", language), 8f) })
            {
                var phrase = new PhraseQuery { Boost = boost };
                for (var i = 0; i < terms.Count; i++)
                {
                    phrase.Add(new Term(field, terms[i]), i);
                }

                query.Add(phrase, Occur.SHOULD);
            }
        }
    }

    /// <summary>
    /// What of <paramref name="text"/> is matched against readings. Readings are for what was typed in kana
    /// (にだんかい, ぱすわーど): only kana runs are read, so that the okurigana and particles of words written in
    /// kanji do not match every article's reading; in a sentence written with kanji, nothing (its kana runs are
    /// endings and particles: ませ, せん, した).
    /// </summary>
    private static string ReadingSource(string text, bool isSentence) =>
        KanaOnly(text) ? KanaRuns(text, 2) : isSentence ? "" : KanaRuns(text, 3);

    private static bool KanaOnly(string text) => text.All(c => JapaneseText.IsKana(c) || char.IsWhiteSpace(c));

    /// <summary>The runs of at least <paramref name="minimum"/> kana in <paramref name="text"/>, separated by spaces.</summary>
    private static string KanaRuns(string text, int minimum)
    {
        var runs = new List<string>();
        var current = new StringBuilder();
        foreach (var c in JapaneseText.Normalize(text) + " ")
        {
            if (JapaneseText.IsKana(c))
            {
                current.Append(c);
                continue;
            }

            if (current.Length >= minimum)
            {
                runs.Add(current.ToString());
            }

            current.Clear();
        }

        return string.Join(' ', runs);
    }

    /// <summary>
    /// Typo tolerance for a Latin word in one field: its spellings within one edit from 4 characters, two from 8
    /// (see <see cref="BuildContext.FuzzyExpansions"/>), each weighted by its closeness, without coordination.
    /// </summary>
    private static BooleanQuery Fuzzy(string field, string word, BuildContext context)
    {
        var fuzzy = new BooleanQuery(disableCoord: true);
        foreach (var (spelling, boost) in context.FuzzyExpansions(field, word))
        {
            var state = context.State(field, spelling);
            if (state.DocFreq > 0)
            {
                fuzzy.Add(new TermQuery(new Term(field, spelling), state) { Boost = boost }, Occur.SHOULD);
            }
        }

        // Kept even when empty: like every clause, it counts in the field's coordination.
        return fuzzy;
    }

    /// <summary>
    /// The terms of <paramref name="field"/> within one edit of <paramref name="word"/> from 4 characters, two from
    /// 8 (insertions, deletions, substitutions and swaps of neighbours), the first letter fixed, the 20 closest,
    /// each with the boost Lucene's <see cref="FuzzyQuery"/> gives it: 1 for the word itself, else 1 - edits /
    /// the shorter length. These are the expansions a <see cref="FuzzyQuery"/> chooses, found by comparing the
    /// few hundred terms that start with the same letter instead of building the word's Levenshtein automata,
    /// which took milliseconds for two edits.
    /// </summary>
    internal static List<(string Spelling, float Boost)> TypoExpansions(IndexReader reader, string field, string word, int? maxEditsFor = null)
    {
        var maxEdits = maxEditsFor ?? TypoEdits(word.Length);
        var candidates = new List<(string Spelling, float Boost)>();
        var termsEnum = MultiFields.GetTerms(reader, field)?.GetEnumerator();
        var prefix = new BytesRef(word[..1]);
        if (termsEnum is not null && termsEnum.SeekCeil(prefix) != TermsEnum.SeekStatus.END)
        {
            do
            {
                if (!StringHelper.StartsWith(termsEnum.Term, prefix))
                {
                    break;
                }

                var spelling = termsEnum.Term.Utf8ToString();
                var edits = EditDistance.Within(word, spelling, maxEdits);
                if (edits <= maxEdits)
                {
                    candidates.Add((spelling, edits == 0 ? 1f : 1f - (edits / (float)Math.Min(spelling.Length, word.Length))));
                }
            }
            while (termsEnum.MoveNext());
        }

        return candidates.OrderByDescending(c => c.Boost).ThenBy(c => c.Spelling, StringComparer.Ordinal).Take(20).ToList();
    }

    /// <summary>The character-bigram field of a part of an article: Japanese and Chinese are analysed apart (Chinese folds
    /// Traditional to Simplified).</summary>
    internal static string BigramField(string part, string language) => part + (language == "zh" ? ".hanzi" : ".bigram");

    private static bool IsBigramField(string field) => field.EndsWith(".bigram", StringComparison.Ordinal) || field.EndsWith(".hanzi", StringComparison.Ordinal);

    /// <summary>Edits tolerated in a word of <paramref name="length"/> characters: two from 8, else one (typo tolerance
    /// starts at 4 characters; callers check that).</summary>
    internal static int TypoEdits(int length) => length >= 8 ? 2 : 1;

    private static bool IsFuzzyField(string field) => field.EndsWith(".morph", StringComparison.Ordinal) || field.EndsWith(".en", StringComparison.Ordinal);
}
