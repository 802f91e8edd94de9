using System.Security.Cryptography;
using System.Text;
using HelpCenter.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Directory = Lucene.Net.Store.Directory;

namespace HelpCenter.Search;

/// <summary>
/// The help center's search index: one Lucene index for all languages, kept in step with the content by
/// <see cref="Sync"/>, searched through a near-real-time <see cref="SearcherManager"/>. One instance per
/// process owns the writer and the searchers (build it once; it is thread-safe).
/// </summary>
public sealed class SearchEngine : IDisposable
{
    /// <summary>Bumped whenever fields or analysis change, so that old indexes are rebuilt.</summary>
    public const string SchemaVersion = "6";

    private const string AnalyzerKey = "analyzer";
    private const int MergeAfterChanges = 500;

    /// <summary>BM25 for indexing and searching (Lucene 4.8 defaults to TF-IDF); the norms must match on both sides.</summary>
    private static readonly CoordinatedBm25 Similarity = new();
    private const string SchemaKey = "schema";

    private readonly ILogger _logger;
    private readonly AnalyzerSet _analyzers;
    private readonly Directory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly QueryBuilder _queries;
    private readonly Suggester _suggester;
    private readonly ThreadLocal<Analysis.ReadingHelper> _readings;
    private readonly System.Threading.Lock _syncLock = new();
    private readonly Dictionary<string, string> _indexedHashes = new(StringComparer.Ordinal);
    private readonly float _relativeCutoff;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _languageFilters = new(StringComparer.Ordinal);
    private SynonymSet _synonyms = SynonymSet.Empty;
    private Dictionary<string, SearchDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>Opens (or creates, or rebuilds on analyzer mismatch) the index at <see cref="SearchEngineOptions.IndexPath"/>.</summary>
    public SearchEngine(SearchEngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _relativeCutoff = options.RelativeScoreCutoff;
        _analyzers = AnalyzerSet.Create(options.MeCabDictionary, options.ForceIcu, out var fallbackReason);
        if (_analyzers.Morphology == Morphology.Icu)
        {
            _logger.LogWarning("Japanese search uses the ICU fallback: {Reason}", fallbackReason);
        }

        System.IO.Directory.CreateDirectory(options.IndexPath);
        _directory = FSDirectory.Open(new DirectoryInfo(options.IndexPath));
        var stale = IndexWasBuiltDifferently();
        if (stale is not null)
        {
            _logger.LogInformation("Rebuilding the search index: {Reason}", stale);
        }

        _writer = new IndexWriter(_directory, new IndexWriterConfig(AnalyzerSet.Version, _analyzers.Index)
        {
            OpenMode = stale is null ? OpenMode.CREATE_OR_APPEND : OpenMode.CREATE,
            Similarity = Similarity,
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: new Bm25SearcherFactory());
        _queries = new QueryBuilder(_analyzers);
        _readings = new ThreadLocal<Analysis.ReadingHelper>(() => new Analysis.ReadingHelper(_analyzers.NewTagger()));
        _suggester = new Suggester(text => _readings.Value!.Reading(text));
        LoadIndexedHashes();
    }

    /// <summary>"mecab" or "icu".</summary>
    public string AnalyzerName => _analyzers.Name;

    /// <summary>Articles in the index.</summary>
    public int DocumentCount
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Replaces the synonyms used by later searches.</summary>
    public void SetSynonyms(SynonymSet synonyms) => _synonyms = synonyms ?? SynonymSet.Empty;

    /// <summary>
    /// Makes the index hold exactly <paramref name="documents"/>: adds new and changed ones (by content hash),
    /// deletes the others, commits and refreshes the searchers. Returns the number of documents changed.
    /// </summary>
    public int Sync(IReadOnlyCollection<SearchDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        lock (_syncLock)
        {
            var wanted = documents.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.First());
            var changed = 0;
            foreach (var id in _indexedHashes.Keys.Where(id => !wanted.ContainsKey(id)).ToList())
            {
                _writer.DeleteDocuments(new Term("id", id));
                _indexedHashes.Remove(id);
                changed++;
            }

            foreach (var (id, document) in wanted)
            {
                var hash = Hash(document);
                if (_indexedHashes.TryGetValue(id, out var existing) && existing == hash)
                {
                    continue;
                }

                _writer.UpdateDocument(new Term("id", id), ToLucene(document, hash));
                _indexedHashes[id] = hash;
                changed++;
            }

            if (changed >= MergeAfterChanges)
            {
                // After a (re)build, one segment makes every search visit one term dictionary instead of dozens.
                _writer.ForceMerge(1);
            }

            _writer.SetCommitData(new Dictionary<string, string> { [AnalyzerKey] = AnalyzerName, [SchemaKey] = SchemaVersion });
            _writer.Commit();

            // Results are shown from these documents, not from the index's stored fields (decompressing ten articles
            // was a third of a search). Swapped before the searchers, so that every document they find is here; a
            // search still on the previous searchers may find an article just deleted, and leaves it out.
            Volatile.Write(ref _documents, wanted);
            _searchers.MaybeRefreshBlocking();
            _suggester.Load(wanted.Values);
            return changed;
        }
    }

    /// <summary>Searches; never throws for any text, returns an empty result when nothing is searchable.</summary>
    public SearchResults Search(SearchRequest request) => Search(request, null);

    /// <summary>Searches with <paramref name="synonyms"/> instead of the current ones (an editor trying rules before saving them).</summary>
    public SearchResults Search(SearchRequest request, SynonymSet? synonyms)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = QueryBuilder.Clean(request.Text);
        var limit = Math.Clamp(request.Limit, 1, 50);
        var offset = Math.Clamp(request.Offset, 0, 10_000);
        var searcher = _searchers.Acquire();
        try
        {
            // Synonyms are looked up once: the query matches them and the highlighting marks them.
            var normalized = JapaneseText.Normalize(text);
            var alternatives = (synonyms ?? _synonyms).Expand(normalized, request.Language);
            var query = _queries.Build(text, request.Language, alternatives, searcher.IndexReader);
            if (query is null)
            {
                return SearchResults.Empty(text);
            }

            // One pass over every match: scores and categories. Matches far below the best one (a shared
            // bigram, a synonym of one word) are dropped, so "total" and the facets count real answers.
            using var collector = new AllHits();
            searcher.Search(BulkScoring.Restrict(query, LanguageFilter(request.Language)), collector);
            if (collector.Count == 0)
            {
                return SearchResults.Empty(text);
            }

            var page = collector.Page(collector.MaxScore * _relativeCutoff, request.Category, offset + limit, out var total, out var facets);
            var words = HighlightWords(normalized, alternatives, request.Language);
            var documents = Volatile.Read(ref _documents);
            var hits = new List<SearchHit>(Math.Max(0, page.Count - offset));
            for (var i = offset; i < page.Count; i++)
            {
                if (documents.TryGetValue(IdOf(searcher, page[i].Doc), out var document))
                {
                    hits.Add(ToHit(document, page[i].Score, words));
                }
            }

            return new SearchResults(text, total, hits, facets);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Up to <paramref name="limit"/> article titles for the typeahead.</summary>
    public IReadOnlyList<Suggestion> Suggest(string text, string language, int limit = 8) =>
        _suggester.Suggest(text ?? "", language, Math.Clamp(limit, 1, 20));

    /// <summary>
    /// The baseline that benchmarks and the quality evaluation compare against: an OR of the query's character
    /// bigrams over the body field, plain BM25, no highlighting. Returns slugs, best first.
    /// </summary>
    public IReadOnlyList<string> SearchBaseline(string text, string language, int limit = 10)
    {
        var query = _queries.BuildBigramBaseline(QueryBuilder.Clean(text));
        if (query is null)
        {
            return [];
        }

        var searcher = _searchers.Acquire();
        try
        {
            var top = searcher.Search(query, LanguageFilter(language), limit);
            var documents = Volatile.Read(ref _documents);
            return top.ScoreDocs.Select(d => documents.GetValueOrDefault(IdOf(searcher, d.Doc))?.Slug).OfType<string>().ToList();
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Terms the query analyzer produces for a field (for tests and diagnostics).</summary>
    public IReadOnlyList<string> AnalyzeQuery(string field, string text) => _queries.Analyze(field, text);

    /// <summary>Terms the index analyzer produces for a field (for tests and diagnostics).</summary>
    public IReadOnlyList<string> AnalyzeDocument(string field, string text)
    {
        var terms = new List<string>();
        using var stream = _analyzers.Index.GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>Closes the searchers, the writer and the index directory.</summary>
    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _readings.Dispose();
        _analyzers.Dispose();
    }

    /// <summary>
    /// One cached filter per language. A filter (rather than a required clause) keeps the scorer in Lucene's
    /// fast bulk mode for OR queries, and the cache keeps its bits per index segment.
    /// </summary>
    private Filter LanguageFilter(string language) => _languageFilters.GetOrAdd(language, BulkScoring.LanguageFilter);

    /// <summary>The words to mark in titles and snippets: the query's own words and those of its synonyms.</summary>
    private List<string> HighlightWords(string normalized, IReadOnlyList<string> alternatives, string language)
    {
        // The customer's own text: its analysed words and what was typed. A single kanji is marked only when typed
        // as a word of its own (税 in 税 還付), not when it is a piece of a compound (法 of 対処法 would light up
        // every 方法).
        var typed = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var field = language switch { "en" => "title.en", "zh" => "title.zh", _ => "title.morph" };
        var words = _queries.Analyze(field, normalized).Where(w => w.Length >= 2 || (IsHan(w[0]) && typed.Contains(w))).ToList();
        words.AddRange(AsWritten(normalized));

        // Synonyms only as written (身に覚えのないログイン), not in pieces: their ない or 身 would be marked everywhere.
        foreach (var alternative in alternatives)
        {
            words.AddRange(AsWritten(alternative));
        }

        // Japanese base forms (忘れる) do not appear in conjugated text (忘れた): also try the stem.
        return words.Select(w => language == "ja" && w.Length >= 3 && w.EndsWith('る') ? w[..^1] : w).Distinct().ToList();
    }

    /// <summary>The words of a normalised text as written, from 2 to 20 characters.</summary>
    private static IEnumerable<string> AsWritten(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length is >= 2 and <= 20);

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static SearchHit ToHit(SearchDocument d, float score, List<string> words)
    {
        var (titleHtml, snippetHtml, matched) = Highlighter.Article(d.Title, TagsText(d), d.Summary, d.Body, words);
        return new SearchHit(d.Slug, d.Language, d.Title, titleHtml, d.Url, d.Summary, snippetHtml, d.Category, score, matched);
    }

    /// <summary>The article id of a document the searcher found, read from its doc values (no stored fields are loaded).</summary>
    private static string IdOf(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var id = new BytesRef();
        leaf.AtomicReader.GetBinaryDocValues("id").Get(doc - leaf.DocBase, id);
        return id.Utf8ToString();
    }

    private static string TagsText(SearchDocument d) => string.Join(" , ", d.Tags);

    /// <summary>
    /// The index holds what searching needs: the analysed fields, the language and category, and the id and
    /// content hash. What a result shows comes from the documents the engine was given.
    /// </summary>
    private static Document ToLucene(SearchDocument d, string hash)
    {
        var tags = TagsText(d);
        var document = new Document
        {
            new StringField("id", d.Id, Field.Store.YES),
            new BinaryDocValuesField("id", new BytesRef(d.Id)),
            new StringField("lang", d.Language, Field.Store.NO),
            new SortedDocValuesField("category", new BytesRef(d.Category)),
            new StoredField("hash", hash),
        };

        // Exactly the fields that queries use (QueryBuilder.Fields), so that nothing is analysed for nothing.
        var texts = new Dictionary<string, string> { ["title"] = d.Title, ["tags"] = tags, ["summary"] = d.Summary, ["body"] = d.Body };
        foreach (var (field, _) in QueryBuilder.Fields[QueryBuilder.Fields.ContainsKey(d.Language) ? d.Language : "en"])
        {
            document.Add(new TextField(field, texts[field[..field.IndexOf('.', StringComparison.Ordinal)]], Field.Store.NO));
        }

        return document;
    }

    private static string Hash(SearchDocument d)
    {
        var text = string.Join('\u0001', d.Language, d.Slug, d.Title, string.Join('\u0002', d.Tags), d.Summary, d.Body, d.Category, d.Url, d.Faq);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Null when the existing index matches this analyzer and schema, else why it must be rebuilt.</summary>
    private string? IndexWasBuiltDifferently()
    {
        if (!DirectoryReader.IndexExists(_directory))
        {
            return null;
        }

        var infos = new SegmentInfos();
        infos.Read(_directory);
        var analyzer = infos.UserData.TryGetValue(AnalyzerKey, out var a) ? a : "unknown";
        var schema = infos.UserData.TryGetValue(SchemaKey, out var s) ? s : "unknown";
        return analyzer == AnalyzerName && schema == SchemaVersion
            ? null
            : $"it was built with analyzer '{analyzer}' schema {schema}; now '{AnalyzerName}' schema {SchemaVersion}";
    }

    private void LoadIndexedHashes()
    {
        using var reader = DirectoryReader.Open(_writer, applyAllDeletes: true);
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var live = atomic.LiveDocs;
            for (var i = 0; i < atomic.MaxDoc; i++)
            {
                if (live is null || live.Get(i))
                {
                    var doc = atomic.Document(i);
                    _indexedHashes[doc.Get("id")] = doc.Get("hash");
                }
            }
        }
    }

    /// <summary>
    /// BM25 with coordination: a field query matching 3 of the question's 4 words scores 3/4 of its sum, so an
    /// article that answers the whole question beats one that repeats a single word (BM25 alone ignores this).
    /// </summary>
    private sealed class CoordinatedBm25 : Lucene.Net.Search.Similarities.BM25Similarity
    {
        public override float Coord(int overlap, int maxOverlap) => maxOverlap == 0 ? 1f : overlap / (float)maxOverlap;
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }

    /// <summary>
    /// Collects every match with its score and category, in pooled arrays: the facets need all matches, but only the
    /// requested page is sorted. Categories are read as doc-value ordinals and mapped once per segment and ordinal
    /// to an index in <see cref="_names"/>, not looked up per match.
    /// </summary>
    private sealed class AllHits : ICollector, IDisposable
    {
        private readonly BytesRef _term = new();
        private readonly List<string> _names = [];
        private readonly Dictionary<string, int> _nameIndex = new(StringComparer.Ordinal);
        private int[] _docs = System.Buffers.ArrayPool<int>.Shared.Rent(1024);
        private float[] _scores = System.Buffers.ArrayPool<float>.Shared.Rent(1024);
        private int[] _categories = System.Buffers.ArrayPool<int>.Shared.Rent(1024);
        private int[] _segmentCategories = [];
        private SortedDocValues? _docValues;
        private Scorer? _scorer;
        private int _docBase;

        /// <summary>Matches collected.</summary>
        public int Count { get; private set; }

        /// <summary>The best score collected.</summary>
        public float MaxScore { get; private set; } = float.MinValue;

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc)
        {
            if (Count == _docs.Length)
            {
                Grow();
            }

            var score = _scorer!.GetScore();
            _docs[Count] = _docBase + doc;
            _scores[Count] = score;
            _categories[Count] = Category(doc);
            MaxScore = Math.Max(MaxScore, score);
            Count++;
        }

        public void SetNextReader(AtomicReaderContext context)
        {
            _docBase = context.DocBase;
            _docValues = context.AtomicReader.GetSortedDocValues("category");
            _segmentCategories = new int[_docValues?.ValueCount ?? 0];
            Array.Fill(_segmentCategories, -1);
        }

        public void SetScorer(Scorer scorer) => _scorer = scorer;

        /// <summary>
        /// The matches scoring at least <paramref name="cutoff"/> in <paramref name="category"/> (any when null or
        /// empty), best first then by document, up to <paramref name="count"/>; their number in
        /// <paramref name="total"/>, and the number of such matches per category, ignoring the category filter,
        /// in <paramref name="facets"/>.
        /// </summary>
        public List<(int Doc, float Score)> Page(float cutoff, string? category, int count, out int total, out Dictionary<string, int> facets)
        {
            var wanted = string.IsNullOrEmpty(category) ? -2 : _nameIndex.GetValueOrDefault(category, -3);
            var counts = new int[_names.Count];
            facets = new Dictionary<string, int>(StringComparer.Ordinal);

            // The root of this heap is the worst of the best "count" so far: the lowest score, then the highest doc.
            var best = new PriorityQueue<int, (float Score, int Doc)>(count + 1, WorstFirst.Instance);
            total = 0;
            for (var i = 0; i < Count; i++)
            {
                if (_scores[i] < cutoff)
                {
                    continue;
                }

                var name = _categories[i];
                if (counts[name]++ == 0)
                {
                    facets[_names[name]] = 0;
                }

                if (wanted != -2 && name != wanted)
                {
                    continue;
                }

                total++;
                best.Enqueue(i, (_scores[i], _docs[i]));
                if (best.Count > count)
                {
                    best.Dequeue();
                }
            }

            foreach (var (name, index) in _nameIndex)
            {
                if (counts[index] > 0)
                {
                    facets[name] = counts[index];
                }
            }

            var page = new List<(int Doc, float Score)>(best.Count);
            while (best.TryDequeue(out var i, out _))
            {
                page.Add((_docs[i], _scores[i]));
            }

            page.Reverse();
            return page;
        }

        public void Dispose()
        {
            System.Buffers.ArrayPool<int>.Shared.Return(_docs);
            System.Buffers.ArrayPool<float>.Shared.Return(_scores);
            System.Buffers.ArrayPool<int>.Shared.Return(_categories);
        }

        private int Category(int doc)
        {
            var ord = _docValues?.GetOrd(doc) ?? -1;
            if (ord >= 0 && _segmentCategories[ord] >= 0)
            {
                return _segmentCategories[ord];
            }

            var name = "";
            if (ord >= 0)
            {
                _docValues!.LookupOrd(ord, _term);
                name = _term.Utf8ToString();
            }

            if (!_nameIndex.TryGetValue(name, out var index))
            {
                index = _names.Count;
                _names.Add(name);
                _nameIndex[name] = index;
            }

            if (ord >= 0)
            {
                _segmentCategories[ord] = index;
            }

            return index;
        }

        private void Grow()
        {
            _docs = Grow(System.Buffers.ArrayPool<int>.Shared, _docs);
            _scores = Grow(System.Buffers.ArrayPool<float>.Shared, _scores);
            _categories = Grow(System.Buffers.ArrayPool<int>.Shared, _categories);
        }

        private static T[] Grow<T>(System.Buffers.ArrayPool<T> pool, T[] array)
        {
            var larger = pool.Rent(array.Length * 2);
            Array.Copy(array, larger, array.Length);
            pool.Return(array);
            return larger;
        }
    }

    /// <summary>Orders (score, doc) pairs worst first: lower score, then higher doc.</summary>
    private sealed class WorstFirst : IComparer<(float Score, int Doc)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((float Score, int Doc) x, (float Score, int Doc) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : y.Doc.CompareTo(x.Doc);
        }
    }
}
