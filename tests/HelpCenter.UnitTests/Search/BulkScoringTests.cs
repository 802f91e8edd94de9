using HelpCenter.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace HelpCenter.UnitTests.Search;

/// <summary>
/// The fast scoring path (a bulk-scored OR of in-order field queries, the language as random-access bits) must find
/// exactly what Lucene's default path finds, with the same scores, also over several segments with deletions.
/// </summary>
public sealed class BulkScoringTests : IDisposable
{
    private static readonly string[] Words = ["password", "reset", "login", "wallet", "deposit", "withdrawal", "fee", "code", "phone", "mail"];

    private readonly Lucene.Net.Store.Directory _directory = new RAMDirectory();
    private readonly DirectoryReader _reader;

    public BulkScoringTests()
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            var random = new Random(42);
            for (var i = 0; i < 6_000; i++)
            {
                var text = string.Join(' ', Enumerable.Range(0, random.Next(3, 30)).Select(_ => Words[random.Next(Words.Length)]));
                var title = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Words[random.Next(Words.Length)]));
                writer.AddDocument(new Document
                {
                    new StringField("id", i.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.NO),
                    new StringField("lang", i % 3 == 0 ? "en" : "ja", Field.Store.NO),
                    new TextField("title", title, Field.Store.NO),
                    new TextField("body", text, Field.Store.NO),
                });

                if (i % 1_500 == 1_499)
                {
                    writer.Commit(); // several segments
                }
            }

            writer.DeleteDocuments(new Term("id", "3"), new Term("id", "2500"), new Term("id", "4998"));
        }

        _reader = DirectoryReader.Open(_directory);
        Assert.True(_reader.Leaves.Count > 1);
        Assert.True(_reader.HasDeletions);
    }

    private static Query Query(Func<BooleanQuery> newFieldQuery)
    {
        var query = new BooleanQuery();
        foreach (var (field, words, boost) in new[] { ("title", "password reset", 4f), ("body", "password reset login", 1f), ("body", "phone code", 0.3f) })
        {
            var fieldQuery = newFieldQuery();
            foreach (var word in words.Split(' '))
            {
                fieldQuery.Add(new TermQuery(new Term(field, word)), Occur.SHOULD);
            }

            fieldQuery.Boost = boost;
            query.Add(fieldQuery, Occur.SHOULD);
        }

        return query;
    }

    [Fact]
    public void FindsWhatLucenesDefaultScoringFindsWithTheSameScores()
    {
        var searcher = new IndexSearcher(_reader);
        var plain = searcher.Search(Query(() => new BooleanQuery()), new QueryWrapperFilter(new TermQuery(new Term("lang", "ja"))), _reader.MaxDoc);

        var collector = TopScoreDocCollector.Create(_reader.MaxDoc, docsScoredInOrder: false);
        searcher.Search(BulkScoring.Restrict(Query(() => new FieldQuery()), BulkScoring.LanguageFilter("ja")), collector);
        var bulk = collector.GetTopDocs();

        Assert.True(plain.TotalHits > 1_000);
        Assert.Equal(plain.TotalHits, bulk.TotalHits);
        var expected = plain.ScoreDocs.ToDictionary(d => d.Doc, d => d.Score);
        foreach (var hit in bulk.ScoreDocs)
        {
            // The same terms added up in another order: equal to the last bits or nearly.
            Assert.True(expected.TryGetValue(hit.Doc, out var score), $"doc {hit.Doc} was not found by the default scorer");
            Assert.Equal(score, hit.Score, score * 1e-5f);
        }
    }

    [Fact]
    public void TheBulkScorerIsTheOneThatRuns()
    {
        // Lucene's bulk OR scorer hands documents over window by window, not in document order; the default
        // scorers always go in order. Seeing a document before a smaller one proves the fast path was taken.
        var order = new OrderRecorder();
        new IndexSearcher(_reader).Search(BulkScoring.Restrict(Query(() => new FieldQuery()), BulkScoring.LanguageFilter("ja")), order);

        Assert.True(order.Count > 1_000);
        Assert.True(order.OutOfOrder, "documents arrived in order: the bulk scorer was not used");
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private sealed class OrderRecorder : ICollector
    {
        private int _docBase;
        private int _last = -1;

        public int Count { get; private set; }

        public bool OutOfOrder { get; private set; }

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc)
        {
            OutOfOrder |= _docBase + doc < _last;
            _last = _docBase + doc;
            Count++;
        }

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
        }
    }
}
