using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HelpCenter.Search;

namespace HelpCenter.Bench;

/// <summary>
/// Speed on a synthetic corpus made from the sample content: full index build, search and suggest latency for
/// the evaluation queries (answerable ones, in their language: English and Chinese searches also cover the untranslated
/// Japanese articles), and in the same run a plain bigram TermQuery search over the same index as the baseline.
/// </summary>
internal static class Benchmark
{
    private sealed record Case(string Query, string Lang);

    public static int Run(int articles, int searches, bool icu, TextWriter output)
    {
        var (sample, synonyms) = Paths.SampleContent();
        var corpus = Synthesize(sample, articles);
        var queries = JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(Paths.Queries), Paths.Json)!;

        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        using var engine = Paths.NewEngine("bench", forceIcu: icu);
        engine.SetSynonyms(synonyms);
        var build = Stopwatch.StartNew();
        engine.Sync(corpus);
        build.Stop();
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        // Warm up the JIT and the OS page cache before measuring.
        foreach (var q in queries.Take(200))
        {
            engine.Search(new SearchRequest(q.Query, q.Lang));
            engine.SearchBaseline(q.Query, q.Lang);
            engine.Suggest(q.Query[..Math.Min(2, q.Query.Length)], q.Lang);
        }

        // Interleave the three so that machine noise hits them alike.
        var search = new List<double>(searches);
        var byQuery = new Dictionary<Case, List<double>>();
        var baseline = new List<double>(searches);
        var suggest = new List<double>(searches);
        var suggestWords = new List<double>(searches);
        long searchAllocated = 0;
        var collectionsBefore = GC.CollectionCount(0);
        for (var i = 0; i < searches; i++)
        {
            var q = queries[i % queries.Count];
            var before = GC.GetAllocatedBytesForCurrentThread();
            var elapsed = Time(() => engine.Search(new SearchRequest(q.Query, q.Lang, Limit: 10)));
            search.Add(elapsed);
            (byQuery.TryGetValue(q, out var times) ? times : byQuery[q] = []).Add(elapsed);
            searchAllocated += GC.GetAllocatedBytesForCurrentThread() - before;
            baseline.Add(Time(() => engine.SearchBaseline(q.Query, q.Lang, 10)));
            var prefix = q.Query[..Math.Min(1 + (i % 4), q.Query.Length)];
            suggest.Add(Time(() => engine.Suggest(prefix, q.Lang)));

            // Two words, the second still being typed, for the queries that have two.
            if (q.Query.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, var second, ..])
            {
                var twoWords = first + " " + second[..Math.Min(1 + (i % 2), second.Length)];
                suggestWords.Add(Time(() => engine.Suggest(twoWords, q.Lang)));
            }
        }

        var allocated = searchAllocated / (double)searches;
        var collections = GC.CollectionCount(0) - collectionsBefore;

        var process = Process.GetCurrentProcess();
        output.WriteLine($"Corpus: {corpus.Count} articles ({string.Join(", ", corpus.GroupBy(d => d.Language).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), analyzer {engine.AnalyzerName}, {searches} searches of {queries.Count} queries");
        output.WriteLine();
        output.WriteLine("| Measure | p50 | p99 | max |");
        output.WriteLine("|---|---:|---:|---:|");
        Row(output, "Search (query building, synonyms, highlighting, facets)", search);
        Row(output, "Baseline: bigram TermQuery OR on body", baseline);
        Row(output, "Suggest (typeahead)", suggest);
        Row(output, "Suggest, two words", suggestWords);
        output.WriteLine();
        output.WriteLine($"- Search p99 / baseline p99: {Percentile(search, 0.99) / Percentile(baseline, 0.99):F2}x; p50 ratio {Percentile(search, 0.5) / Percentile(baseline, 0.5):F2}x");
        output.WriteLine($"- Allocated per search: {allocated / 1024:F0} KiB; {collections} gen0 collections during the {searches} iterations");
        output.WriteLine($"- Full index build: {build.Elapsed.TotalSeconds:F1} s for {corpus.Count} articles ({corpus.Count / build.Elapsed.TotalSeconds:F0} articles/s)");
        output.WriteLine($"- Managed heap growth after build: {(memoryAfter - memoryBefore) / 1048576.0:F0} MiB; process working set {process.WorkingSet64 / 1048576.0:F0} MiB; peak {process.PeakWorkingSet64 / 1048576.0:F0} MiB");
        output.WriteLine("- Slowest queries (median of their searches): " + string.Join("; ", byQuery
            .Select(p => (p.Key, Median: Percentile(p.Value, 0.5))).OrderByDescending(p => p.Median).Take(8)
            .Select(p => $"{p.Median:F1} ms [{p.Key.Lang}] {(p.Key.Query.Length > 30 ? p.Key.Query[..30] + "…" : p.Key.Query)}")));
        return 0;
    }

    /// <summary>Variants of the sample articles: new slugs and titles, bodies mixed with a passage of another article.</summary>
    private static List<SearchDocument> Synthesize(List<SearchDocument> sample, int count)
    {
        var byLanguage = sample.GroupBy(d => d.Language).ToDictionary(g => g.Key, g => g.ToList());
        var corpus = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var source = sample[i % sample.Count];
            var others = byLanguage[source.Language];
            var other = others[(i * 7 + 3) % others.Count];
            var passage = other.Body.Length > 200 ? other.Body[..200] : other.Body;
            corpus.Add(source with
            {
                Slug = $"{source.Slug}-{i}",
                Title = i < sample.Count ? source.Title : $"{source.Title} ({i.ToString(CultureInfo.InvariantCulture)})",
                Body = source.Body + "\n" + passage,
                Url = $"/{source.Language}/articles/{source.Slug}-{i}",
            });
        }

        return corpus;
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static void Row(TextWriter output, string name, List<double> values) =>
        output.WriteLine($"| {name} | {Percentile(values, 0.5):F2} ms | {Percentile(values, 0.99):F2} ms | {values.Max():F2} ms |");
}
