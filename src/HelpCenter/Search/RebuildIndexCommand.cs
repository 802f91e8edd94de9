using HelpCenter.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpCenter.Search;

/// <summary>
/// <c>dotnet run --project src/HelpCenter -- rebuild-index</c>: deletes this machine's search index and builds it
/// again from the content. The site rebuilds on its own when the analyzer changes; this is for a damaged index.
/// </summary>
public static class RebuildIndexCommand
{
    public const string Name = "rebuild-index";

    public static int Run(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var path = SearchService.IndexPath(services.GetRequiredService<SitePaths>(), services.GetRequiredService<IOptions<SearchOptions>>().Value);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        var started = TimeProvider.System.GetTimestamp();
        using var search = services.GetRequiredService<SearchService>();
        output.WriteLine($"Rebuilt {path}: {search.Engine.DocumentCount} documents with {search.Engine.AnalyzerName} in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s");
        return 0;
    }
}
