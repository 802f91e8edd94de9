using HelpCenter.Articles;
using HelpCenter.Search;

namespace HelpCenter.Bench;

internal static class Paths
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>The repository root: the folder holding wwwroot/ and content/, as the app finds it.</summary>
    public static string Root => HelpCenter.Infrastructure.SiteRoot.Find();

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
