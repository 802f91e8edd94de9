using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace HelpCenter.Search;

/// <summary>
/// Collects every match with its score and category, in pooled arrays: the facets need all matches, but only the
/// requested page is sorted. Categories are read as doc-value ordinals and mapped once per segment and ordinal to an
/// index in <see cref="_names"/>, not looked up per match. A match on a document that <c>redirect</c> names counts for
/// the document it names instead (a Japanese original found for its translation), once, with the better score.
/// </summary>
internal sealed class AllHits : ICollector, IDisposable
{
    private readonly IndexReader _reader;
    private readonly IReadOnlyDictionary<int, int>? _redirect;
    private readonly Dictionary<int, int>? _slots;
    private readonly FixedBitSet _seen;
    private readonly BytesRef _term = new();
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _nameIndex = new(StringComparer.Ordinal);
    private readonly (SortedDocValues? Values, int[] Names)[] _leaves;
    private int[] _docs = System.Buffers.ArrayPool<int>.Shared.Rent(1024);
    private float[] _scores = System.Buffers.ArrayPool<float>.Shared.Rent(1024);
    private int[] _categories = System.Buffers.ArrayPool<int>.Shared.Rent(1024);
    private Scorer? _scorer;
    private int _docBase;

    public AllHits(IndexReader reader, IReadOnlyDictionary<int, int>? redirect)
    {
        _reader = reader;
        _redirect = redirect is { Count: > 0 } ? redirect : null;
        _slots = _redirect is null ? null : [];
        _seen = new FixedBitSet(Math.Max(1, reader.MaxDoc));
        _leaves = new (SortedDocValues?, int[])[reader.Leaves.Count];
    }

    /// <summary>Matches collected.</summary>
    public int Count { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void Collect(int doc) => Add(_docBase + doc, _scorer!.GetScore());

    public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    /// <summary>
    /// Adds the documents of <paramref name="filter"/> that <paramref name="admitted"/> accepts and the ranking query did
    /// not find (an article having a word only written inside another, whose bigrams are too common to be queried), after
    /// every match, with no score.
    /// </summary>
    public void AddUnscored(Func<int, bool> admitted, Filter filter)
    {
        foreach (var leaf in _reader.Leaves)
        {
            var bits = filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.Bits;
            for (var doc = 0; bits is not null && doc < leaf.AtomicReader.MaxDoc; doc++)
            {
                var global = leaf.DocBase + doc;
                if (bits.Get(doc) && !_seen.Get(Target(global)) && admitted(global))
                {
                    Add(global, 0f);
                }
            }
        }
    }

    /// <summary>
    /// The matches that <paramref name="admitted"/> accepts in <paramref name="category"/> (any when null or empty), best
    /// first then by document, up to <paramref name="count"/>; their number in <paramref name="total"/>, and the number of
    /// such matches per category, ignoring the category filter, in <paramref name="facets"/>.
    /// </summary>
    public List<(int Doc, float Score)> Page(Func<int, bool> admitted, string? category, int count, out int total, out Dictionary<string, int> facets)
    {
        var wanted = string.IsNullOrEmpty(category) ? -2 : _nameIndex.GetValueOrDefault(category, -3);
        var counts = new int[_names.Count];
        facets = new Dictionary<string, int>(StringComparer.Ordinal);

        // The root of this heap is the worst of the best "count" so far: the lowest score, then the highest doc.
        var best = new PriorityQueue<int, (float Score, int Doc)>(count + 1, WorstFirst.Instance);
        total = 0;
        for (var i = 0; i < Count; i++)
        {
            if (!admitted(_docs[i]))
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

    /// <summary>The category whose matches that <paramref name="partial"/> accepts score most in total, or null.</summary>
    public string? BestCategory(Func<int, bool> partial)
    {
        var sums = new float[_names.Count];
        for (var i = 0; i < Count; i++)
        {
            if (partial(_docs[i]))
            {
                sums[_categories[i]] += Math.Max(_scores[i], float.Epsilon);
            }
        }

        var best = -1;
        for (var c = 0; c < sums.Length; c++)
        {
            if (sums[c] > 0 && (best < 0 || sums[c] > sums[best]))
            {
                best = c;
            }
        }

        return best < 0 || _names[best].Length == 0 ? null : _names[best];
    }

    public void Dispose()
    {
        System.Buffers.ArrayPool<int>.Shared.Return(_docs);
        System.Buffers.ArrayPool<float>.Shared.Return(_scores);
        System.Buffers.ArrayPool<int>.Shared.Return(_categories);
    }

    private int Target(int doc) => _redirect is not null && _redirect.TryGetValue(doc, out var target) ? target : doc;

    private void Add(int doc, float score)
    {
        doc = Target(doc);
        if (_slots is not null && _slots.TryGetValue(doc, out var slot))
        {
            _scores[slot] = Math.Max(_scores[slot], score);
            return;
        }

        if (Count == _docs.Length)
        {
            Grow();
        }

        _seen.Set(doc);
        _slots?.Add(doc, Count);
        _docs[Count] = doc;
        _scores[Count] = score;
        _categories[Count] = Category(doc);
        Count++;
    }

    private int Category(int doc)
    {
        var leaves = _reader.Leaves;
        var index = leaves.Count == 1 ? 0 : ReaderUtil.SubIndex(doc, leaves);
        if (_leaves[index].Names is null)
        {
            var values = leaves[index].AtomicReader.GetSortedDocValues("category");
            var names = new int[values?.ValueCount ?? 0];
            Array.Fill(names, -1);
            _leaves[index] = (values, names);
        }

        var (docValues, segmentNames) = _leaves[index];
        var ord = docValues?.GetOrd(doc - leaves[index].DocBase) ?? -1;
        if (ord >= 0 && segmentNames[ord] >= 0)
        {
            return segmentNames[ord];
        }

        var name = "";
        if (ord >= 0)
        {
            docValues!.LookupOrd(ord, _term);
            name = _term.Utf8ToString();
        }

        if (!_nameIndex.TryGetValue(name, out var nameIndex))
        {
            nameIndex = _names.Count;
            _names.Add(name);
            _nameIndex[name] = nameIndex;
        }

        if (ord >= 0)
        {
            segmentNames[ord] = nameIndex;
        }

        return nameIndex;
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
