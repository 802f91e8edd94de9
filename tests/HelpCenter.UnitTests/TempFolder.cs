namespace HelpCenter.UnitTests;

/// <summary>A throw-away folder for content files, deleted when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hc-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public TempFolder Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a watcher on some platforms; the OS temp cleaner removes it later.
        }
    }
}

public static class Repository
{
    /// <summary>The repository root: the folder holding wwwroot/ and content/, as the app finds it.</summary>
    public static string Root => HelpCenter.Infrastructure.SiteRoot.Find();

    public static string Content => System.IO.Path.Combine(Root, "content");
}
