namespace HelpCenter.Infrastructure;

/// <summary>
/// The folder that holds <c>wwwroot/</c> and <c>content/</c>: the repository root in development and
/// tests, the publish folder in production and in the container image.
/// </summary>
public static class SiteRoot
{
    /// <summary>Walks up from the app's binaries until a folder has both <c>wwwroot</c> and <c>content</c>.</summary>
    public static string Find()
    {
        var explicitRoot = Environment.GetEnvironmentVariable("HelpCenter__SiteRoot");
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            return Path.GetFullPath(explicitRoot);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "wwwroot")) &&
                Directory.Exists(Path.Combine(dir.FullName, "content")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find the site root (a folder with wwwroot/ and content/) above {AppContext.BaseDirectory}. " +
            "Set the environment variable HelpCenter__SiteRoot.");
    }

    /// <summary>Resolves a configured path: absolute paths stay, relative ones hang off the site root.</summary>
    public static string Resolve(string siteRoot, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(siteRoot, path));
}
