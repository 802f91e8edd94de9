using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Articles;

/// <summary>
/// <c>dotnet run --project src/HelpCenter -- export-content DIR</c>: writes every published article as a content file
/// (its original path when it came from one, else <c>{lang}/{category}/{slug}.md</c>), the synonyms, and a copy of
/// <c>categories.yml</c>. The files import to the same articles, and exporting again writes the same bytes.
/// </summary>
public static class ExportContentCommand
{
    public const string Name = "export-content";

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Count < 2)
        {
            output.WriteLine("usage: export-content DIR");
            return 2;
        }

        await services.LoadContentAsync();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var written = await ExportAsync(db, services.GetRequiredService<ContentStore>().ContentRoot, Path.GetFullPath(args[1]));
        output.WriteLine($"Exported {written} articles to {Path.GetFullPath(args[1])}");
        return 0;
    }

    /// <summary>Writes the published content under <paramref name="target"/>; returns the number of articles written.</summary>
    public static async Task<int> ExportAsync(HelpCenterDbContext db, string contentRoot, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        Directory.CreateDirectory(target);
        var published = await ContentStore.PublishedAsync(db, cancellationToken);

        foreach (var row in published)
        {
            var relative = row.SourceFile ?? ContentStore.ExportPath(row.Language, row.Revision.CategoryId, row.Slug);
            var path = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, row.Revision.ToSource(row.Language, row.Slug).ToFileText(Path.GetFileName(relative)), cancellationToken);
        }

        if (await db.Synonyms.AsNoTracking().FirstOrDefaultAsync(s => s.Id == StoredSynonyms.SingletonId, cancellationToken) is { } synonyms)
        {
            await File.WriteAllTextAsync(Path.Combine(target, ContentLoader.SynonymsFile), synonyms.Text, cancellationToken);
        }

        // Categories and canned replies are edited as files only; they travel along so that DIR is a whole content folder.
        foreach (var name in new[] { ContentLoader.CategoriesFile, "canned-replies.yml" })
        {
            var source = Path.Combine(contentRoot, name);
            if (File.Exists(source) && Path.GetFullPath(source) != Path.GetFullPath(Path.Combine(target, name)))
            {
                File.Copy(source, Path.Combine(target, name), overwrite: true);
            }
        }

        return published.Count;
    }
}
