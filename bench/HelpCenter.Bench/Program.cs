using HelpCenter.Bench;

// dotnet run -c Release --project bench/HelpCenter.Bench -- eval   [--queries FILE]
// dotnet run -c Release --project bench/HelpCenter.Bench -- bench  [--articles N] [--searches N]
var command = args.FirstOrDefault() ?? "";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

return command switch
{
    "eval" => Evaluation.Run(Option("--queries") ?? Paths.Queries, Console.Out),
    "bench" => Benchmark.Run(int.Parse(Option("--articles") ?? "10000"), int.Parse(Option("--searches") ?? "3000"), Console.Out),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HelpCenter.Bench eval [--queries FILE] | bench [--articles N] [--searches N]");
    return 2;
}
