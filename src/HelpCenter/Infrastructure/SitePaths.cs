using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>Absolute paths derived once from <see cref="HelpCenterOptions"/>; the data folder is created here.</summary>
public sealed class SitePaths
{
    public SitePaths(IOptions<HelpCenterOptions> options, IWebHostEnvironment environment)
    {
        var siteRoot = Path.GetDirectoryName(environment.WebRootPath.TrimEnd(Path.DirectorySeparatorChar))!;
        ContentRoot = SiteRoot.Resolve(siteRoot, options.Value.ContentPath);
        DataRoot = SiteRoot.Resolve(siteRoot, options.Value.DataPath);
        Directory.CreateDirectory(DataRoot);
    }

    /// <summary>For tests that need a data folder without a host.</summary>
    internal SitePaths(string contentRoot, string dataRoot)
    {
        ContentRoot = contentRoot;
        DataRoot = dataRoot;
        Directory.CreateDirectory(DataRoot);
    }

    public string ContentRoot { get; }

    public string DataRoot { get; }

    /// <summary>A sub-folder of the data folder, created on first use.</summary>
    public string DataFolder(string name)
    {
        var path = Path.Combine(DataRoot, name);
        Directory.CreateDirectory(path);
        return path;
    }
}
