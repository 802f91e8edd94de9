using HelpCenter.Infrastructure;

namespace HelpCenter.Articles;

/// <summary>
/// <c>dotnet run --project src/HelpCenter -- check-content [DIR]</c>: prints every problem in the content
/// folder and exits with 1 when there is one, so editors can run it in their own CI.
/// </summary>
public static class CheckContentCommand
{
    public const string Name = "check-content";

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var root = args.Count > 0
            ? Path.GetFullPath(args[0])
            : SiteRoot.Resolve(SiteRoot.Find(), Environment.GetEnvironmentVariable("HelpCenter__ContentPath") ?? "content");

        var snapshot = ContentLoader.Load(root);
        foreach (var problem in snapshot.Problems)
        {
            output.WriteLine(problem);
        }

        var counts = string.Join(", ", snapshot.Articles.GroupBy(a => a.Language).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
        var errors = snapshot.Problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = snapshot.Problems.Count - errors;
        output.WriteLine($"{root}: {snapshot.Articles.Count} articles ({counts}), {errors} errors, {warnings} warnings");
        return snapshot.Problems.Count == 0 ? 0 : 1;
    }
}
