using System.Globalization;
using System.Text.Json;
using HelpCenter.Search;

namespace HelpCenter.Bench;

/// <summary>Search quality on the committed evaluation set: hit@1, hit@5, MRR@10 and zero-result rate per engine.</summary>
internal static class Evaluation
{
    private sealed record Case(string Query, string Lang, string[] Expected, string Kind);

    private sealed record Outcome(Case Case, int Rank, bool Zero, IReadOnlyList<string> Top);

    public static int Run(string queriesPath, TextWriter output)
    {
        var cases = JsonSerializer.Deserialize<List<Case>>(File.ReadAllText(queriesPath), Paths.Json)!;
        var (documents, synonyms) = Paths.SampleContent();

        using var mecab = Paths.NewEngine("eval-mecab", forceIcu: false);
        using var icu = Paths.NewEngine("eval-icu", forceIcu: true);
        foreach (var engine in new[] { mecab, icu })
        {
            engine.SetSynonyms(synonyms);
            engine.Sync(documents);
        }

        var runs = new List<(string Name, List<Outcome> Outcomes)>
        {
            ($"HelpCenter search ({mecab.AnalyzerName})", Evaluate(cases, c => mecab.Search(new SearchRequest(c.Query, c.Lang, Limit: 10)).Hits.Select(h => h.Slug).ToList())),
            ($"HelpCenter search ({icu.AnalyzerName} fallback)", Evaluate(cases, c => icu.Search(new SearchRequest(c.Query, c.Lang, Limit: 10)).Hits.Select(h => h.Slug).ToList())),
            ("Baseline: bigram BM25 on body", Evaluate(cases, c => mecab.SearchBaseline(c.Query, c.Lang, 10))),
        };

        output.WriteLine($"Evaluation set: {cases.Count} queries ({string.Join(", ", cases.GroupBy(c => c.Lang).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), {documents.Count} articles");
        output.WriteLine();
        output.WriteLine("| Engine | hit@1 | hit@5 | MRR@10 | zero results |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, outcomes) in runs)
        {
            output.WriteLine($"| {name} | {Metric(outcomes, o => o.Rank == 1)} | {Metric(outcomes, o => o.Rank is >= 1 and <= 5)} | {Mrr(outcomes):F3} | {Metric(outcomes, o => o.Zero)} |");
        }

        output.WriteLine();
        output.WriteLine("By kind (HelpCenter search, MeCab): hit@1 / MRR@10");
        output.WriteLine();
        output.WriteLine("| Kind | Queries | hit@1 | MRR@10 |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var group in runs[0].Outcomes.GroupBy(o => o.Case.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            output.WriteLine($"| {group.Key} | {list.Count} | {Metric(list, o => o.Rank == 1)} | {Mrr(list):F3} |");
        }

        output.WriteLine();
        output.WriteLine("Misses (expected article not first), HelpCenter search (MeCab):");
        output.WriteLine();
        foreach (var miss in runs[0].Outcomes.Where(o => o.Rank != 1))
        {
            output.WriteLine($"- `{miss.Case.Query}` ({miss.Case.Lang}, {miss.Case.Kind}): expected {string.Join("/", miss.Case.Expected)}, " +
                             $"rank {(miss.Rank == 0 ? "none" : miss.Rank.ToString(CultureInfo.InvariantCulture))}; got {string.Join(", ", miss.Top.Take(3))}");
        }

        return 0;
    }

    private static List<Outcome> Evaluate(List<Case> cases, Func<Case, IReadOnlyList<string>> search) =>
        cases.Select(c =>
        {
            var top = search(c);
            var index = top.Take(10).ToList().FindIndex(slug => c.Expected.Contains(slug));
            return new Outcome(c, index + 1, top.Count == 0, top);
        }).ToList();

    private static string Metric(List<Outcome> outcomes, Func<Outcome, bool> predicate) =>
        (outcomes.Count(predicate) / (double)outcomes.Count).ToString("P1", CultureInfo.InvariantCulture);

    private static double Mrr(List<Outcome> outcomes) => outcomes.Average(o => o.Rank is >= 1 and <= 10 ? 1.0 / o.Rank : 0);
}
