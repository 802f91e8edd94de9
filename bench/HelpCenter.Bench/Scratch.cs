using System.Reflection;
using HelpCenter.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HelpCenter.Bench;

internal static class Scratch
{
    public static int Run(string[] queries)
    {
        var (sample, synonyms) = Paths.SampleContent();
        var corpus = (List<SearchDocument>)typeof(Benchmark).GetMethod("Synthesize", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, [sample, 10000])!;
        using var engine = Paths.NewEngine("scratch", forceIcu: false);
        engine.SetSynonyms(synonyms);
        engine.Sync(corpus);
        var builder = (QueryBuilder)typeof(SearchEngine).GetField("_queries", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        var manager = (SearcherManager)typeof(SearchEngine).GetField("_searchers", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(engine)!;
        var searcher = manager.Acquire();
        foreach (var q in queries)
        {
            var query = builder.Build(QueryBuilder.Clean(q), "ja", synonyms, searcher.IndexReader)!;
            var terms = new List<(string, string, int)>();
            void Walk(Query x)
            {
                switch (x)
                {
                    case BooleanQuery b: foreach (var c in b.Clauses) Walk(c.Query); break;
                    case TermQuery t: terms.Add((t.Term.Field, t.Term.Text, searcher.IndexReader.DocFreq(t.Term))); break;
                    default: terms.Add((x.GetType().Name, x.ToString(), -1)); break;
                }
            }
            Walk(query);
            Console.WriteLine($"{q}: {((BooleanQuery)query).Clauses.Count} field clauses, {terms.Count} leaves, postings {terms.Sum(t => Math.Max(0, t.Item3))}");
            foreach (var g in terms.GroupBy(t => t.Item1)) Console.WriteLine($"   {g.Key}: {g.Count()} terms, postings {g.Sum(t => Math.Max(0, t.Item3))}  distinct {g.Select(t => t.Item2).Distinct().Count()} distinct postings {g.DistinctBy(t => t.Item2).Sum(t => Math.Max(0, t.Item3))}\n      " + string.Join(" ", g.GroupBy(t => t.Item2).OrderByDescending(t => t.First().Item3).Select(t => $"{t.Key}:{t.First().Item3}x{t.Count()}")));
            Console.WriteLine($"   ja docs {searcher.IndexReader.DocFreq(new Term("lang", "ja"))}");
            var times = new List<double>();
            for (var i = 0; i < 30; i++) { var sw = System.Diagnostics.Stopwatch.StartNew(); engine.Search(new SearchRequest(q, "ja", Limit: 10)); times.Add(sw.Elapsed.TotalMilliseconds); }
            Console.WriteLine($"   median {times.Order().ElementAt(15):F1} ms");
        }
        return 0;
    }
}
