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
    public const string SchemaVersion = "7";

    private const string AnalyzerKey = "analyzer";
    private const string Japanese = "ja";
    private static readonly string[] OtherLanguages = ["en", "zh"];
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
    private readonly QueryWords _words;
    private readonly Suggester _suggester;
    private readonly ThreadLocal<Analysis.ReadingHelper> _readings;
    private readonly System.Threading.Lock _syncLock = new();
    private readonly Dictionary<string, string> _indexedHashes = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Filter> _languageFilters = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<int, int>>> _translations = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, System.Collections.Concurrent.ConcurrentDictionary<string, FixedBitSet>> _visible = new();
    private readonly int _resultCacheSize;
    private SynonymSet _synonyms = SynonymSet.Empty;
    private ResultCache? _results;
    private Dictionary<string, SearchDocument> _documents = new(StringComparer.Ordinal);
    private Vocabulary _vocabulary = Vocabulary.Build([]);

    /// <summary>Opens (or creates, or rebuilds on analyzer mismatch) the index at <see cref="SearchEngineOptions.IndexPath"/>.</summary>
    public SearchEngine(SearchEngineOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _resultCacheSize = Math.Max(0, options.ResultCacheSize);
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
        _words = new QueryWords(_queries);
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
                // A Japanese article is also offered to readers of the languages it has no translation in.
                var untranslated = document.Language == Japanese
                    ? OtherLanguages.Where(l => !wanted.ContainsKey($"{l}:{document.Slug}")).ToArray()
                    : [];
                var hash = Hash(document, untranslated);
                if (_indexedHashes.TryGetValue(id, out var existing) && existing == hash)
                {
                    continue;
                }

                _writer.UpdateDocument(new Term("id", id), ToLucene(document, hash, untranslated));
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
            Volatile.Write(ref _vocabulary, Vocabulary.Build(wanted.Values));
            _searchers.MaybeRefreshBlocking();
            _suggester.Load(wanted.Values);
            return changed;
        }
    }

    /// <summary>
    /// Searches; never throws for any text, returns an empty result when nothing is searchable or nothing matches.
    /// An article is a result when it has enough of the query's words (<see cref="RequiredWords"/>); the ranking query,
    /// which also holds character bigrams and readings, orders them. In English and Chinese the search covers the
    /// language's own articles and the Japanese ones not translated into it (as the category pages list them); text
    /// typed in Japanese script there also searches every Japanese article, a translated one standing for its translation.
    /// </summary>
    public SearchResults Search(SearchRequest request) => Search(request, null);

    /// <summary>Searches with <paramref name="synonyms"/> instead of the current ones (an editor trying rules before saving them).</summary>
    public SearchResults Search(SearchRequest request, SynonymSet? synonyms)
    {
        ArgumentNullException.ThrowIfNull(request);
        var searcher = _searchers.Acquire();
        try
        {
            // Rules being tried and very long strings are searched afresh; the rest may be answered from the results of
            // the same request on the same index with the same synonyms.
            if (synonyms is not null || _resultCacheSize == 0 || request.Text.Length > ResultCache.MaxQueryLength)
            {
                return Search(request, synonyms ?? _synonyms, searcher);
            }

            var cache = Results(searcher.IndexReader);
            if (cache.Entries.TryGetValue(request, out var cached))
            {
                return cached;
            }

            var results = Search(request, cache.Synonyms, searcher);
            cache.Add(request, results, _resultCacheSize);
            return results;
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>The results cache of this reader and the current synonyms: a new one whenever either changes.</summary>
    private ResultCache Results(IndexReader reader)
    {
        var synonyms = _synonyms;
        var current = Volatile.Read(ref _results);
        if (current is not null && ReferenceEquals(current.Reader, reader) && ReferenceEquals(current.Synonyms, synonyms))
        {
            return current;
        }

        var fresh = new ResultCache(reader, synonyms);
        Volatile.Write(ref _results, fresh);
        return fresh;
    }

    /// <summary>
    /// Recent results of one index reader with one synonym set. Popular questions are asked again and again, and a
    /// search costs far more than a lookup. Bounded by emptying it when full: simple, and the popular entries come back
    /// at once.
    /// </summary>
    private sealed class ResultCache(IndexReader reader, SynonymSet synonyms)
    {
        public const int MaxQueryLength = 200;

        public IndexReader Reader { get; } = reader;

        public SynonymSet Synonyms { get; } = synonyms;

        public System.Collections.Concurrent.ConcurrentDictionary<SearchRequest, SearchResults> Entries { get; } = new();

        public void Add(SearchRequest request, SearchResults results, int capacity)
        {
            if (Entries.Count >= capacity)
            {
                Entries.Clear();
            }

            Entries.TryAdd(request, results);
        }
    }

    private SearchResults Search(SearchRequest request, SynonymSet synonyms, IndexSearcher searcher)
    {
        var text = QueryBuilder.Clean(request.Text);
        var limit = Math.Clamp(request.Limit, 1, 50);
        var offset = Math.Clamp(request.Offset, 0, 10_000);
        if (text.Length == 0 || (request.Language != Japanese && !OtherLanguages.Contains(request.Language)))
        {
            return SearchResults.Empty(text);
        }

        var reader = searcher.IndexReader;
        var scope = Scope(text, request.Language, synonyms, reader);
        if (scope.Parts.Count == 0)
        {
            return SearchResults.Empty(text);
        }

        // Which articles are results: those having enough of a part's words.
        var counts = scope.Parts.Select(_ => new WordCounts(reader.MaxDoc, scope.Redirect)).ToList();
        try
        {
            var required = new int[scope.Parts.Count];
            var sets = new WordSets(reader);
            var visible = VisibleBits(reader, scope);
            for (var p = 0; p < scope.Parts.Count; p++)
            {
                var part = scope.Parts[p];
                var unknown = 0;
                foreach (var word in part.Words.Take(part.Key))
                {
                    word.Articles = counts[p].Count(sets, word, visible);
                    unknown += word.Articles == 0 && !word.Kana ? 1 : 0;
                }

                required[p] = RequiredWords(part.Key, unknown, part.KeyIsLight);
            }

            bool Admitted(int doc)
            {
                for (var p = 0; p < scope.Parts.Count; p++)
                {
                    if (counts[p][doc] >= required[p])
                    {
                        return true;
                    }
                }

                return false;
            }

            // How they rank: one pass over every match of the ranking query.
            using var collector = new AllHits(reader, scope.Redirect);
            searcher.Search(BulkScoring.Restrict(scope.Ranking, scope.Filter), collector);
            collector.AddUnscored(Admitted, scope.Filter);
            var page = collector.Page(Admitted, request.Category, offset + limit, out var total, out var facets);
            var highlighted = scope.Parts.SelectMany(p => HighlightWords(p.Normalized, p.Alternatives, p.Language)).Distinct().ToList();
            var documents = Volatile.Read(ref _documents);
            var hits = new List<SearchHit>(Math.Max(0, page.Count - offset));
            for (var i = offset; i < page.Count; i++)
            {
                if (documents.TryGetValue(IdOf(searcher, page[i].Doc), out var document))
                {
                    hits.Add(ToHit(document, page[i].Score, highlighted));
                }
            }

            if (total > 0 || facets.Count > 0)
            {
                return new SearchResults(text, total, hits, facets);
            }

            // Nothing matched: say so, with a correction when a word is a typo of a known one, and the subject the
            // query's known words point to.
            bool Partial(int doc) => Enumerable.Range(0, scope.Parts.Count).Any(p => counts[p][doc] > 0);
            return SearchResults.Empty(text) with
            {
                DidYouMean = request.Suggest ? DidYouMean(text, request.Language, scope.Parts, synonyms) : null,
                GuessedCategory = collector.BestCategory(Partial),
            };
        }
        finally
        {
            counts.ForEach(c => c.Dispose());
        }
    }

    /// <summary>
    /// The query with its first word that no article has (as typed) replaced by the closest word of the articles within
    /// the typo distance, when that query finds something; else null.
    /// </summary>
    private string? DidYouMean(string text, string language, List<Part> parts, SynonymSet? synonyms)
    {
        var normalized = JapaneseText.Normalize(text);
        var vocabulary = Volatile.Read(ref _vocabulary);
        foreach (var word in parts.SelectMany(p => p.Words).Where(w => w.Articles == 0).DistinctBy(w => w.Start))
        {
            if (vocabulary.Closest(word.Text, language) is not { } known || word.End > normalized.Length)
            {
                continue;
            }

            var corrected = normalized[..word.Start] + known + normalized[word.End..];
            if (Search(new SearchRequest(corrected, language, Limit: 1) { Suggest = false }, synonyms).Total > 0)
            {
                return corrected;
            }
        }

        return null;
    }

    /// <summary>One analysis of a query: its ranking query, its words (the key ones first) and its synonyms.</summary>
    private sealed record Part(string Language, string Normalized, Query Ranking, List<QueryWord> Words, int Key, bool KeyIsLight, IReadOnlyList<string> Alternatives);

    /// <summary>What one search covers: its parts, the articles it may return, and the Japanese originals that stand for
    /// their translation.</summary>
    private sealed record SearchScope(List<Part> Parts, Query Ranking, Filter Filter, string FilterKey, IReadOnlyDictionary<int, int>? Redirect);

    /// <summary>The documents of a search's filter as one bit set over the whole index, computed once per reader.</summary>
    private FixedBitSet VisibleBits(IndexReader reader, SearchScope scope) =>
        _visible.GetValue(reader, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, FixedBitSet>(StringComparer.Ordinal))
            .GetOrAdd(scope.FilterKey, _ =>
            {
                var bits = new FixedBitSet(Math.Max(1, reader.MaxDoc));
                foreach (var leaf in reader.Leaves)
                {
                    var iterator = scope.Filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator();
                    for (var doc = iterator?.NextDoc() ?? DocIdSetIterator.NO_MORE_DOCS; doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator!.NextDoc())
                    {
                        bits.Set(leaf.DocBase + doc);
                    }
                }

                return bits;
            });

    private SearchScope Scope(string text, string language, SynonymSet synonymSet, IndexReader reader)
    {
        // Synonyms are looked up once: the query matches them, the result set admits them and the highlighting marks them.
        var normalized = JapaneseText.Normalize(text);
        var parts = new List<Part>();
        var own = language == "zh" ? ChineseText.ToSimplified(normalized) : normalized;
        AddPart(parts, language, language, language == "zh" ? ChineseText.ToSimplified(text) : text, own, synonymSet.Matches(own, language), reader);
        if (language == Japanese)
        {
            return new SearchScope(parts, parts.Count == 1 ? parts[0].Ranking : new BooleanQuery(), LanguageFilter(language), language, null);
        }

        // Untranslated Japanese articles are searched with Japanese analysis, through the synonyms of the visitor's language
        // (which may name Japanese words) and, for text in Japanese script, the Japanese synonyms.
        var japaneseScript = JapaneseText.HasJapaneseScript(normalized, language);
        var synonyms = synonymSet.Matches(normalized, language).Concat(japaneseScript ? synonymSet.Matches(normalized, Japanese) : []).ToList();
        AddPart(parts, Japanese, japaneseScript || language == "en" ? Japanese : language, text, normalized, synonyms, reader);

        var ranking = new BooleanQuery(disableCoord: true);
        parts.ForEach(p => ranking.Add(p.Ranking, Occur.SHOULD));
        if (language == "en" && _queries.Build(text, QueryBuilder.Names, parts.FirstOrDefault(p => p.Language == language)?.Alternatives ?? [], reader) is { } names)
        {
            ranking.Add(names, Occur.SHOULD);
        }
        var key = language + (japaneseScript ? "+ja" : "+untranslated-ja");
        var filter = _languageFilters.GetOrAdd(key, _ => BulkScoring.VisibleFilter(language, japaneseScript));
        return new SearchScope(parts, ranking, filter, key, japaneseScript ? Translations(reader, language) : null);
    }

    private void AddPart(List<Part> parts, string language, string splitLanguage, string cleaned, string normalized, IReadOnlyList<SynonymMatch> synonyms, IndexReader reader)
    {
        var alternatives = SynonymSet.Alternatives(synonyms);
        var ranking = _queries.Build(cleaned, language, alternatives, reader);
        var words = _words.Words(normalized, splitLanguage, language, synonyms, reader, out var key, out var light);
        if (ranking is not null && key > 0)
        {
            parts.Add(new Part(language, normalized, ranking, words, key, light, alternatives));
        }
    }

    /// <summary>
    /// Japanese originals (document numbers in <paramref name="reader"/>) and their translation into
    /// <paramref name="language"/>, computed once per reader and language.
    /// </summary>
    private IReadOnlyDictionary<int, int> Translations(IndexReader reader, string language) =>
        _translations.GetValue(reader, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, Dictionary<int, int>>())
            .GetOrAdd(language, _ =>
            {
                var live = MultiFields.GetLiveDocs(reader);
                var byId = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var leaf in reader.Leaves)
                {
                    var ids = leaf.AtomicReader.GetBinaryDocValues("id");
                    var id = new BytesRef();
                    for (var doc = 0; ids is not null && doc < leaf.AtomicReader.MaxDoc; doc++)
                    {
                        if (live is null || live.Get(leaf.DocBase + doc))
                        {
                            ids.Get(doc, id);
                            byId[id.Utf8ToString()] = leaf.DocBase + doc;
                        }
                    }
                }

                var map = new Dictionary<int, int>();
                foreach (var (id, doc) in byId)
                {
                    if (id.StartsWith("ja:", StringComparison.Ordinal) && byId.TryGetValue(language + id[2..], out var translation))
                    {
                        map[doc] = translation;
                    }
                }

                return map;
            });

    /// <summary>
    /// How many of a query's <paramref name="key"/> words an article must have to be a result, when
    /// <paramref name="unknown"/> of them are in no article it may be offered (kana words aside: they are found by
    /// reading, so not finding one proves little). A short query (under <see cref="QueryBuilder.LongQueryWords"/> key
    /// words) of which at least half names words the help center does not know asks about something it does not document
    /// (ステーキング, NFT 購入方法): nothing is a result, and the page says so. Otherwise an article needs half of the key
    /// words, rounded up; a query of light words only (<paramref name="light"/>: どうやって入れるの) needs one of them.
    /// Measured on the evaluation sets (docs/search-quality.md): requiring every word, or vetoing on any unknown word,
    /// turned answerable queries into empty pages; requiring one word let unanswerable questions through.
    /// </summary>
    internal static int RequiredWords(int key, int unknown, bool light)
    {
        if (light)
        {
            return 1;
        }

        if (key < QueryBuilder.LongQueryWords && unknown * 2 >= key)
        {
            return int.MaxValue;
        }

        return Math.Max(1, (key + 1) / 2);
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
        var query = _queries.BuildBigramBaseline(QueryBuilder.Clean(text), language);
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

    /// <summary>
    /// The words of a query as the result set counts them, whether each is a key word (one that results must have; the
    /// others only rank), each with the articles (ids) of <paramref name="language"/> having it: through its analysed term, its pieces, its characters written in a row, its reading, a typo correction or
    /// a synonym (for tests and diagnostics).
    /// </summary>
    public IReadOnlyList<(string Word, bool Key, IReadOnlyList<string> Articles)> Words(string text, string language)
    {
        var normalized = JapaneseText.Normalize(QueryBuilder.Clean(text));
        var searcher = _searchers.Acquire();
        try
        {
            var documents = Volatile.Read(ref _documents);
            var result = new List<(string, bool, IReadOnlyList<string>)>();
            var words = _words.Words(normalized, language, language, _synonyms.Matches(normalized, language), searcher.IndexReader, out var key, out _);
            var sets = new WordSets(searcher.IndexReader);
            var visible = VisibleBits(searcher.IndexReader, new SearchScope([], new BooleanQuery(), LanguageFilter(language), language, null));
            for (var i = 0; i < words.Count; i++)
            {
                var bits = sets.Of(words[i].Match);
                bits.And(visible);
                var ids = new List<string>();
                for (var doc = bits.NextSetBit(0); doc >= 0; doc = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1)
                {
                    ids.Add(IdOf(searcher, doc));
                }

                result.Add((words[i].Text, i < key, ids.Where(documents.ContainsKey).ToList()));
            }

            return result;
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
    /// content hash; a Japanese article also its slug as English words (its English name: <c>cancel-order</c>) and the
    /// languages it has no translation in. What a result shows comes from the documents the engine was given.
    /// </summary>
    private static Document ToLucene(SearchDocument d, string hash, string[] untranslated)
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

        if (d.Language == Japanese)
        {
            document.Add(new TextField("slug.en", d.Slug.Replace('-', ' '), Field.Store.NO));
            foreach (var language in untranslated)
            {
                document.Add(new StringField("untranslated", language, Field.Store.NO));
            }
        }

        return document;
    }

    private static string Hash(SearchDocument d, string[] untranslated)
    {
        var text = string.Join('\u0001', d.Language, d.Slug, d.Title, string.Join('\u0002', d.Tags), d.Summary, d.Body, d.Category, d.Url, d.Faq,
            string.Join(',', untranslated));
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
}
