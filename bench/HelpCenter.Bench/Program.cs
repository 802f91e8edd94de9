using HelpCenter.Bench;

// dotnet run -c Release --project bench/HelpCenter.Bench -- eval   [--queries FILE]
// dotnet run -c Release --project bench/HelpCenter.Bench -- bench  [--articles N] [--searches N] [--icu]
// dotnet run -c Release --project bench/HelpCenter.Bench -- explain "query" [--lang ja] [--icu]
// dotnet run -c Release --project bench/HelpCenter.Bench -- chat-load   [--customers 500] [--operators 20] [--messages 20] [--busy-core] [--two-instances]
// dotnet run -c Release --project bench/HelpCenter.Bench -- chat-faults [--customers 500] [--operators 20] [--messages 20] [--kills 3]
// dotnet run -c Release --project bench/HelpCenter.Bench -- pages       [--rounds 3] [--seconds 10] [--articles 10000]
// dotnet run -c Release --project bench/HelpCenter.Bench -- insights    [--searches 1000000] [--views 1000000] [--flows 100000] [--chats 50000] [--rounds 5]
//   (these three start the site from src/HelpCenter/bin/Release: build it first with dotnet build -c Release src/HelpCenter)
var command = args.FirstOrDefault() ?? "";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
int Count(string name, int fallback) => int.Parse(Option(name) ?? fallback.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

return command switch
{
    "eval" => Evaluation.Run(Option("--queries") ?? Paths.Queries, Console.Out),
    "explain" => Explain(args.Skip(1).FirstOrDefault() ?? "", Option("--lang") ?? "ja", args.Contains("--icu")),
    "bench" => Benchmark.Run(int.Parse(Option("--articles") ?? "10000"), int.Parse(Option("--searches") ?? "3000"), args.Contains("--icu"), Console.Out),
    "chat-load" => await ChatLoad.RunAsync(Count("--customers", 500), Count("--operators", 20), Count("--messages", 20), kills: 0, args.Contains("--busy-core"),
        args.Contains("--two-instances"), Console.Out),
    "chat-faults" => await ChatLoad.RunAsync(Count("--customers", 500), Count("--operators", 20), Count("--messages", 20), Count("--kills", 3), busyCore: false,
        twoInstances: false, Console.Out),
    "pages" => await PageLoad.RunAsync(Count("--rounds", 3), Count("--seconds", 10), Count("--articles", 10000), Console.Out),
    "insights" => await InsightsLoad.RunAsync(Count("--searches", 1_000_000), Count("--views", 1_000_000), Count("--flows", 100_000), Count("--chats", 50_000),
        Count("--rounds", 5), Console.Out),
    "relay-server" => await RelayHub.RunAsync(Count("--port", 5099)),
    _ => Usage(),
};

// Shows how a query is analysed and what it finds: for tuning ranking and synonyms.
static int Explain(string query, string lang, bool icu)
{
    var (documents, synonyms) = Paths.SampleContent();
    using var engine = Paths.NewEngine("explain", forceIcu: icu);
    engine.SetSynonyms(synonyms);
    engine.Sync(documents);
    foreach (var field in new[] { "title.morph", "title.reading", "title.bigram", "title.en", "title.zh" })
    {
        Console.WriteLine($"{field}: {string.Join(" | ", engine.AnalyzeQuery(field, query))}");
    }

    Console.WriteLine($"synonyms: {string.Join(" | ", synonyms.Expand(HelpCenter.Search.Analysis.JapaneseText.Normalize(query), lang))}");
    foreach (var (word, key, articles) in engine.Words(query, lang))
    {
        Console.WriteLine($"{(key ? "key" : "light")} word {word}: {articles.Count} articles: {string.Join(" ", articles.Take(12))}");
    }

    Console.WriteLine($"suggest: {string.Join(" | ", engine.Suggest(query, lang).Select(s => $"{s.Title} ({s.Language})"))}");
    var results = engine.Search(new HelpCenter.Search.SearchRequest(query, lang, Limit: 8));
    Console.WriteLine($"total {results.Total}; did you mean: {results.DidYouMean ?? "-"}; guessed category: {results.GuessedCategory ?? "-"}");
    foreach (var hit in results.Hits)
    {
        Console.WriteLine($"{hit.Score,8:F3}  {hit.Slug,-28} {hit.Title}  [{string.Join(", ", hit.MatchedTerms)}]");
    }

    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: HelpCenter.Bench eval [--queries FILE] | bench [--articles N] [--searches N] | chat-load [--busy-core] [--two-instances] | chat-faults [--kills N] | pages [--rounds N] [--seconds N] [--articles N] | insights [--searches N] [--views N] [--flows N] [--chats N] [--rounds N]");
    return 2;
}

