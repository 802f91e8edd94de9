using System.Globalization;
using System.Text.Json;
using HelpCenter.Search;
using HelpCenter.Search.Analysis;

namespace HelpCenter.Bench;

/// <summary>
/// Search quality on the committed evaluation sets (tests/search-evaluation/): hit@1, hit@5, MRR@10 and the zero-result
/// rate on answerable queries (queries.json), the share of unanswerable questions that still got results
/// (unanswerable.json), and literal recall: for single words, the share of the articles containing the word that the
/// search lists when paging through all of its results (literal-recall.json).
/// </summary>
internal static class Evaluation
{
    private sealed record Case(string Query, string Lang, string[] Expected, string Kind);

    private sealed record Unanswerable(string Query, string Lang, string Kind);

    private sealed record LiteralCheck(string Word, string Lang);

    private sealed record Outcome(Case Case, int Rank, bool Zero, IReadOnlyList<string> Top);

    private sealed record LiteralOutcome(LiteralCheck Check, int Containing, IReadOnlyList<string> Missing, int Listed, int Total);

    private sealed record EngineRun(
        string Name, List<Outcome> Outcomes, List<(Unanswerable Question, IReadOnlyList<string> Top)> Answered, int Unanswerable,
        List<LiteralOutcome> Literal);

    public static int Run(string queriesPath, TextWriter output)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(queriesPath))!;
        var cases = Load<Case>(queriesPath);
        var unanswerable = Load<Unanswerable>(Path.Combine(folder, "unanswerable.json"));
        var literal = Load<LiteralCheck>(Path.Combine(folder, "literal-recall.json"));
        var (documents, synonyms) = Paths.SampleContent();

        using var mecab = Paths.NewEngine("eval-mecab", forceIcu: false);
        using var icu = Paths.NewEngine("eval-icu", forceIcu: true);
        foreach (var engine in new[] { mecab, icu })
        {
            engine.SetSynonyms(synonyms);
            engine.Sync(documents);
        }

        EngineRun Measure(string name, Func<string, string, int, int, (IReadOnlyList<string> Slugs, int Total)> search)
        {
            var outcomes = cases.Select(c =>
            {
                var top = search(c.Query, c.Lang, 0, 10).Slugs;
                var index = top.Take(10).ToList().FindIndex(slug => c.Expected.Contains(slug));
                return new Outcome(c, index + 1, top.Count == 0, top);
            }).ToList();
            var answered = unanswerable.Select(u => (u, search(u.Query, u.Lang, 0, 10).Slugs)).Where(a => a.Slugs.Count > 0).ToList();
            var recall = literal.Select(l => Literal(l, documents, search)).ToList();
            return new EngineRun(name, outcomes, answered, unanswerable.Count, recall);
        }

        static (IReadOnlyList<string>, int) Ours(SearchEngine engine, string query, string lang, int offset, int limit)
        {
            var results = engine.Search(new SearchRequest(query, lang, Offset: offset, Limit: limit));
            return (results.Hits.Select(h => h.Slug).ToList(), results.Total);
        }

        var runs = new List<EngineRun>
        {
            Measure($"HelpCenter search ({mecab.AnalyzerName})", (q, l, o, n) => Ours(mecab, q, l, o, n)),
            Measure($"HelpCenter search ({icu.AnalyzerName} fallback)", (q, l, o, n) => Ours(icu, q, l, o, n)),
            Measure("Baseline: bigram BM25 on body", (q, l, o, n) =>
            {
                var all = mecab.SearchBaseline(q, l, 1000);
                return (all.Skip(o).Take(n).ToList(), all.Count);
            }),
        };

        output.WriteLine($"Evaluation set: {cases.Count} answerable queries ({string.Join(", ", cases.GroupBy(c => c.Lang).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), " +
                         $"{unanswerable.Count} unanswerable ({string.Join(", ", unanswerable.GroupBy(c => c.Lang).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), " +
                         $"{literal.Count} literal-recall words; {documents.Count} articles");
        output.WriteLine();
        output.WriteLine("| Engine | hit@1 | hit@5 | MRR@10 | zero results (answerable) | unanswerable answered | literal recall | words fully listed |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            output.WriteLine($"| {run.Name} | {Metric(run.Outcomes, o => o.Rank == 1)} | {Metric(run.Outcomes, o => o.Rank is >= 1 and <= 5)} | {Mrr(run.Outcomes):F3} | " +
                             $"{Metric(run.Outcomes, o => o.Zero)} | {Percent(run.Answered.Count, run.Unanswerable)} | {LiteralRecall(run.Literal):F3} | " +
                             $"{run.Literal.Count(l => l.Missing.Count == 0)}/{run.Literal.Count} |");
        }

        // Without MeCab nothing reads kanji: kana typed for a word written in kanji cannot be found. Shown apart so that the
        // rest of the fallback can be compared.
        var icuRun = runs[1].Outcomes.Where(o => o.Case.Kind != "hiragana").ToList();
        var mecabRun = runs[0].Outcomes.Where(o => o.Case.Kind != "hiragana").ToList();
        output.WriteLine();
        output.WriteLine($"Without the {runs[0].Outcomes.Count - mecabRun.Count} hiragana queries: MeCab hit@1 {Metric(mecabRun, o => o.Rank == 1)}, MRR@10 {Mrr(mecabRun):F3}, " +
                         $"zero {Metric(mecabRun, o => o.Zero)}; ICU fallback hit@1 {Metric(icuRun, o => o.Rank == 1)}, MRR@10 {Mrr(icuRun):F3}, zero {Metric(icuRun, o => o.Zero)}");

        foreach (var run in runs.Take(2))
        {
            output.WriteLine();
            output.WriteLine($"By kind ({run.Name}): hit@1 / MRR@10");
            output.WriteLine();
            output.WriteLine("| Kind | Queries | hit@1 | MRR@10 | zero results |");
            output.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var group in run.Outcomes.GroupBy(o => o.Case.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = group.ToList();
                output.WriteLine($"| {group.Key} | {list.Count} | {Metric(list, o => o.Rank == 1)} | {Mrr(list):F3} | {Metric(list, o => o.Zero)} |");
            }
        }

        foreach (var run in runs.Take(2))
        {
            output.WriteLine();
            output.WriteLine($"Misses (expected article not first), {run.Name}:");
            output.WriteLine();
            foreach (var miss in run.Outcomes.Where(o => o.Rank != 1))
            {
                output.WriteLine($"- `{miss.Case.Query}` ({miss.Case.Lang}, {miss.Case.Kind}): expected {string.Join("/", miss.Case.Expected)}, " +
                                 $"rank {(miss.Rank == 0 ? "none" : miss.Rank.ToString(CultureInfo.InvariantCulture))}; got {string.Join(", ", miss.Top.Take(3))}");
            }

            output.WriteLine();
            output.WriteLine($"Unanswerable questions that got results, {run.Name}:");
            output.WriteLine();
            foreach (var (question, top) in run.Answered)
            {
                output.WriteLine($"- `{question.Query}` ({question.Lang}, {question.Kind}): {string.Join(", ", top.Take(3))}");
            }

            output.WriteLine();
            output.WriteLine($"Literal recall misses, {run.Name}:");
            output.WriteLine();
            foreach (var miss in run.Literal.Where(l => l.Missing.Count > 0 || l.Listed != l.Total))
            {
                output.WriteLine($"- `{miss.Check.Word}` ({miss.Check.Lang}): {miss.Containing - miss.Missing.Count} of {miss.Containing} listed, " +
                                 $"missing {string.Join(", ", miss.Missing)}; total {miss.Total}, listed by paging {miss.Listed}");
            }
        }

        return 0;
    }

    /// <summary>
    /// Which articles a reader of the check's language can see that contain the word (their own, and Japanese articles
    /// without a translation, as on the category pages), and how many of them paging through the search lists.
    /// Japanese and Chinese words are contained as written anywhere in the text; Latin words as whole words.
    /// </summary>
    private static LiteralOutcome Literal(LiteralCheck check, List<SearchDocument> documents,
        Func<string, string, int, int, (IReadOnlyList<string> Slugs, int Total)> search)
    {
        var word = JapaneseText.Normalize(check.Word);
        var translated = documents.Where(d => d.Language == check.Lang).Select(d => d.Slug).ToHashSet();
        var containing = documents
            .Where(d => d.Language == check.Lang || (d.Language == "ja" && !translated.Contains(d.Slug)))
            .Where(d => Contains(JapaneseText.Normalize(string.Join('\n', d.Title, string.Join(' ', d.Tags), d.Summary, d.Body)), word))
            .Select(d => d.Slug)
            .ToList();

        var listed = new List<string>();
        var total = 0;
        for (var offset = 0; offset < 1000; offset += 50)
        {
            var (slugs, count) = search(check.Word, check.Lang, offset, 50);
            total = count;
            listed.AddRange(slugs);
            if (slugs.Count == 0 || offset + 50 >= count)
            {
                break;
            }
        }

        return new LiteralOutcome(check, containing.Count, containing.Where(s => !listed.Contains(s)).ToList(), listed.Count, total);
    }

    private static bool Contains(string text, string word)
    {
        var latin = word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
        for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            var end = at + word.Length;
            if (!latin || ((at == 0 || !char.IsAsciiLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsAsciiLetterOrDigit(text[end]))))
            {
                return true;
            }
        }

        return false;
    }

    private static List<T> Load<T>(string path) => JsonSerializer.Deserialize<List<T>>(File.ReadAllText(path), Paths.Json)!;

    /// <summary>Micro-averaged: listed containing articles over all containing articles, every word together.</summary>
    private static double LiteralRecall(List<LiteralOutcome> outcomes)
    {
        var containing = outcomes.Sum(o => o.Containing);
        return containing == 0 ? 1 : (containing - outcomes.Sum(o => o.Missing.Count)) / (double)containing;
    }

    private static string Percent(int count, int of) => (count / (double)of).ToString("P1", CultureInfo.InvariantCulture);

    private static string Metric(List<Outcome> outcomes, Func<Outcome, bool> predicate) =>
        (outcomes.Count(predicate) / (double)outcomes.Count).ToString("P1", CultureInfo.InvariantCulture);

    private static double Mrr(List<Outcome> outcomes) => outcomes.Average(o => o.Rank is >= 1 and <= 10 ? 1.0 / o.Rank : 0);
}
