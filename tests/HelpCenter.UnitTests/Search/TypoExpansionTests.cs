using System.Text.RegularExpressions;
using HelpCenter.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using LuceneVersion = Lucene.Net.Util.LuceneVersion;

namespace HelpCenter.UnitTests.Search;

/// <summary>
/// Typo tolerance compares words directly instead of running Lucene's <see cref="FuzzyQuery"/>: it must choose the
/// same spellings with the same boosts, over the English vocabulary of the sample content and typos of it.
/// </summary>
public sealed class TypoExpansionTests
{
    [Fact]
    public void ChoosesWhatLucenesFuzzyQueryChooses()
    {
        var vocabulary = System.IO.Directory.GetFiles(System.IO.Path.Combine(Repository.Content, "en"), "*.md", SearchOption.AllDirectories)
            .SelectMany(file => Regex.Matches(File.ReadAllText(file).ToLowerInvariant(), "[a-z]{2,}").Select(m => m.Value))
            .Distinct().ToList();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            foreach (var chunk in vocabulary.Chunk(50))
            {
                writer.AddDocument(new Document { new TextField("body", string.Join(' ', chunk), Field.Store.NO) });
            }
        }

        using var reader = DirectoryReader.Open(directory);
        var random = new Random(7);
        var words = vocabulary.Where(w => w.Length >= 4).OrderBy(_ => random.Next()).Take(300).Select(w => Typo(w, random)).ToList();
        Assert.True(vocabulary.Count > 500);

        var compared = 0;
        foreach (var word in words)
        {
            var lucene = (BooleanQuery)new FuzzyQuery(new Term("body", word), word.Length >= 8 ? 2 : 1, prefixLength: 1, maxExpansions: 20, transpositions: true).Rewrite(reader);
            var expected = lucene.Clauses.Select(c => (TermQuery)c.Query).ToDictionary(q => q.Term.Text, q => q.Boost);
            var actual = QueryBuilder.TypoExpansions(reader, "body", word);

            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Select(a => a.Spelling).Order(StringComparer.Ordinal));
            foreach (var (spelling, boost) in actual)
            {
                Assert.Equal(expected[spelling], boost, 1e-6f);
            }

            compared += actual.Count;
        }

        Assert.True(compared > 300, $"only {compared} expansions compared");
    }

    [Theory]
    [InlineData("password", "password", 0)]
    [InlineData("pasword", "password", 1)]
    [InlineData("passwrod", "password", 1)] // two neighbours swapped
    [InlineData("paswrod", "password", 2)]
    [InlineData("wallet", "wallets", 1)]
    [InlineData("fee", "password", 3)] // more than the limit: stops at limit + 1
    public void EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Within(a, b, max: 2));

    /// <summary>The word with one or two random edits after its first letter.</summary>
    private static string Typo(string word, Random random)
    {
        var chars = word.ToList();
        for (var edit = 0; edit < (word.Length >= 8 ? 2 : 1); edit++)
        {
            var at = random.Next(1, chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)('a' + random.Next(26))); break;
                case 2: chars[at] = (char)('a' + random.Next(26)); break;
                default:
                    if (at + 1 < chars.Count)
                    {
                        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
                    }

                    break;
            }
        }

        return new string(chars.ToArray());
    }
}
