using System.Text;
using HelpCenter.Search.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpCenter.Search;

/// <summary>
/// Turns what a customer typed into a Lucene query without ever handing the text to a query parser: the text
/// is cleaned and capped, analysed per field, and every clause is built from the resulting terms. No
/// operator, wildcard, regular expression or bracket in the input has any meaning.
/// </summary>
public sealed class QueryBuilder(AnalyzerSet analyzers)
{
    /// <summary>Longest query analysed, in characters; the rest is ignored.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Fields searched per language, with their weights: title and tags above summary above body.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Field, float Boost)[]> Fields = new Dictionary<string, (string, float)[]>
    {
        ["ja"] =
        [
            ("title.morph", 6f), ("tags.morph", 4f), ("summary.morph", 2.5f), ("body.morph", 1f),
            ("title.bigram", 3f), ("tags.bigram", 2f), ("summary.bigram", 1f), ("body.bigram", 0.4f),
            ("title.reading", 1.5f), ("tags.reading", 1.5f), ("body.reading", 0.2f),
        ],
        ["en"] = [("title.en", 6f), ("tags.en", 4f), ("summary.en", 2.5f), ("body.en", 1f)],
        ["zh"] =
        [
            ("title.zh", 6f), ("tags.zh", 4f), ("summary.zh", 2.5f), ("body.zh", 1f),
            ("title.bigram", 3f), ("tags.bigram", 2f), ("summary.bigram", 1f), ("body.bigram", 0.4f),
        ],
    };

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

    /// <summary>The query for the cleaned text and its synonym expansions; null when nothing searchable remains.</summary>
    public Query? Build(string cleanedText, string language, SynonymSet synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        if (!Fields.TryGetValue(language, out var fields) || cleanedText.Length == 0)
        {
            return null;
        }

        var query = new BooleanQuery();
        AddText(query, cleanedText, fields, 1f);
        foreach (var alternative in synonyms.Expand(JapaneseText.Normalize(cleanedText), language))
        {
            AddText(query, alternative, fields, 0.7f);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    /// <summary>The benchmark and evaluation baseline: a plain OR of the query's character bigrams over the body.</summary>
    public Query? BuildBigramBaseline(string cleanedText)
    {
        var query = new BooleanQuery();
        foreach (var term in Analyze("body.bigram", cleanedText).Distinct())
        {
            query.Add(new TermQuery(new Term("body.bigram", term)), Occur.SHOULD);
        }

        return query.Clauses.Count == 0 ? null : query;
    }

    private void AddText(BooleanQuery query, string text, (string Field, float Boost)[] fields, float weight)
    {
        foreach (var (field, boost) in fields)
        {
            var terms = Analyze(field, text).Distinct().ToList();
            if (terms.Count == 0)
            {
                continue;
            }

            var fieldQuery = new BooleanQuery(disableCoord: false);
            foreach (var term in terms)
            {
                fieldQuery.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
                if (IsFuzzyField(field) && JapaneseText.IsLatinWord(term) && term.Length >= 4)
                {
                    // Typo tolerance for Latin words: one edit from 4 characters, two from 8.
                    var fuzzy = new FuzzyQuery(new Term(field, term), term.Length >= 8 ? 2 : 1, prefixLength: 1, maxExpansions: 20, transpositions: true)
                    {
                        Boost = 1f,
                    };
                    fieldQuery.Add(fuzzy, Occur.SHOULD);
                }
            }

            fieldQuery.Boost = boost * weight;
            query.Add(fieldQuery, Occur.SHOULD);
        }
    }

    private static bool IsFuzzyField(string field) => field.EndsWith(".morph", StringComparison.Ordinal) || field.EndsWith(".en", StringComparison.Ordinal);
}
