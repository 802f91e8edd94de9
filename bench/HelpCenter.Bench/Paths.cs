using HelpCenter.Articles;
using HelpCenter.Search;

namespace HelpCenter.Bench;

internal static class Paths
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HelpCenter.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("HelpCenter.sln not found");
        }
    }

    public static string Queries => Path.Combine(Root, "tests", "search-evaluation", "queries.json");

    public static string TempIndex(string name) => Path.Combine(Path.GetTempPath(), $"hc-bench-{name}-{Guid.NewGuid():N}");

    /// <summary>The sample content as search documents, with the synonyms.</summary>
    public static (List<SearchDocument> Documents, SynonymSet Synonyms) SampleContent()
    {
        var snapshot = ContentLoader.Load(Path.Combine(Root, "content"));
        return (snapshot.Articles.Select(HelpCenter.Search.SearchService.ToDocument).ToList(), snapshot.Synonyms);
    }

    public static SearchEngine NewEngine(string name, bool forceIcu) =>
        new(new SearchEngineOptions { IndexPath = TempIndex(name), ForceIcu = forceIcu }, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public static void Delete(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
