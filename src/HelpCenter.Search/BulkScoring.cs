using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpCenter.Search;

/// <summary>
/// How a search is scored: the top-level OR of field queries by Lucene's bulk scorer, which adds up each field's
/// score for a window of 2,048 documents at a time in a table instead of merging sixty scorers through a heap for
/// every document; the field queries themselves (a handful of terms each) in document order; the language as
/// random-access bits passed down to every term scorer instead of a second iterator leap-frogging the query.
/// Lucene chooses none of this by itself here: its filter strategies never ask for a bulk scorer, and a nested
/// <see cref="BooleanQuery"/> asked for one allocates its own 2,048-entry table, one per field per search.
/// </summary>
internal static class BulkScoring
{
    /// <summary>The language restriction of a search: its documents' bits, cached per index segment.</summary>
    public static Filter LanguageFilter(string language) =>
        new BitsCachingFilter(new QueryWrapperFilter(new TermQuery(new Term("lang", language))));

    /// <summary>
    /// The articles a reader of <paramref name="language"/> can be offered: their language's, and the Japanese ones not
    /// translated into it (<paramref name="allJapanese"/>: every Japanese one), cached like <see cref="LanguageFilter"/>.
    /// </summary>
    public static Filter VisibleFilter(string language, bool allJapanese) =>
        new BitsCachingFilter(new QueryWrapperFilter(new BooleanQuery
        {
            { new TermQuery(new Term("lang", language)), Occur.SHOULD },
            { allJapanese ? new TermQuery(new Term("lang", "ja")) : new TermQuery(new Term("untranslated", language)), Occur.SHOULD },
        }));

    /// <summary><paramref name="query"/> restricted to the documents of <paramref name="languageFilter"/>, scored in bulk.</summary>
    public static Query Restrict(Query query, Filter languageFilter) => new FilteredQuery(query, languageFilter, RandomAccessBulk.Instance);

    /// <summary>
    /// Caches a filter's documents as a <see cref="FixedBitSet"/>, whose random-access bits let Lucene apply the filter
    /// as it applies deletions (the default cache, a compressed set, can only be iterated).
    /// </summary>
    private sealed class BitsCachingFilter(Filter filter) : CachingWrapperFilter(filter)
    {
        protected override DocIdSet DocIdSetToCache(DocIdSet docIdSet, AtomicReader reader)
        {
            var bits = new FixedBitSet(reader.MaxDoc);
            var iterator = docIdSet?.GetIterator();
            if (iterator is not null)
            {
                bits.Or(iterator);
            }

            return bits;
        }
    }

    /// <summary>Passes the filter's bits down as the accepted documents and asks the query for its bulk scorer.</summary>
    private sealed class RandomAccessBulk : FilteredQuery.FilterStrategy
    {
        public static readonly RandomAccessBulk Instance = new();

        public override Scorer FilteredScorer(AtomicReaderContext context, Weight weight, DocIdSet docIdSet) =>
            FilteredQuery.RANDOM_ACCESS_FILTER_STRATEGY.FilteredScorer(context, weight, docIdSet);

        public override BulkScorer FilteredBulkScorer(AtomicReaderContext context, Weight weight, bool scoreDocsInOrder, DocIdSet docIdSet)
        {
            var bits = docIdSet.Bits;
            return bits is null
                ? FilteredQuery.RANDOM_ACCESS_FILTER_STRATEGY.FilteredBulkScorer(context, weight, scoreDocsInOrder, docIdSet)
                : weight.GetBulkScorer(context, scoreDocsInOrder, bits);
        }
    }
}

/// <summary>
/// The query of one field (an OR of its terms, with coordination): a <see cref="BooleanQuery"/> that is always scored
/// in document order, also under a bulk-scored parent (see <see cref="BulkScoring"/>). Scores are those of a plain
/// <see cref="BooleanQuery"/>.
/// </summary>
internal sealed class FieldQuery : BooleanQuery
{
    public FieldQuery()
        : base(disableCoord: false)
    {
    }

    public override Weight CreateWeight(IndexSearcher searcher) => new InOrderWeight(this, searcher);

    private sealed class InOrderWeight(BooleanQuery query, IndexSearcher searcher) : BooleanWeight(query, searcher, disableCoord: false)
    {
        public override bool ScoresDocsOutOfOrder => false;

        public override BulkScorer GetBulkScorer(AtomicReaderContext context, bool scoreDocsInOrder, IBits acceptDocs) =>
            base.GetBulkScorer(context, scoreDocsInOrder: true, acceptDocs);
    }
}
