using HelpCenter.Articles;
using HelpCenter.Editor;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.UnitTests.Editor;

public sealed class ImportExportTests
{
    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith('.'))
            .Order(StringComparer.Ordinal);

    private static void CopyTo(string source, TempFolder target)
    {
        foreach (var file in Files(source))
        {
            target.Write(file, File.ReadAllText(Path.Combine(source, file)));
        }
    }

    private static object Shape(Article a) =>
        (a.Language, a.Slug, a.Title, a.CategoryId, string.Join("|", a.Tags), a.Summary, a.Faq, a.Order, a.Updated, a.Html, a.PlainText);

    [Fact]
    public async Task SampleContentExportsToFilesThatImportToTheSameArticlesAndExportAgainByteForByte()
    {
        var first = new TempFolder();
        CopyTo(Repository.Content, first);
        await using var original = new EditorHarness(first);
        await original.Store.ReloadAsync(importFiles: true);
        var before = original.Store.Current;
        Assert.True(before.Articles.Count >= 70);

        using var exported = new TempFolder();
        var count = await original.InScopeAsync((_, db) => ExportContentCommand.ExportAsync(db, first.Path, exported.Path));
        Assert.Equal(before.Articles.Count, count);

        // A fresh database fed with the exported folder holds the same articles, synonyms included.
        var second = new TempFolder();
        CopyTo(exported.Path, second);
        await using var reimported = new EditorHarness(second);
        await reimported.Store.ReloadAsync(importFiles: true);
        var after = reimported.Store.Current;
        Assert.Empty(after.Problems);
        Assert.Equal(before.Articles.Select(Shape).OrderBy(s => s.ToString(), StringComparer.Ordinal), after.Articles.Select(Shape).OrderBy(s => s.ToString(), StringComparer.Ordinal));
        Assert.Equal(before.Synonyms.Count, after.Synonyms.Count);

        using var again = new TempFolder();
        await reimported.InScopeAsync((_, db) => ExportContentCommand.ExportAsync(db, second.Path, again.Path));
        Assert.Equal(Files(exported.Path), Files(again.Path));
        foreach (var file in Files(exported.Path))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(exported.Path, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again.Path, file))), file);
        }
    }

    [Fact]
    public async Task ArticleWrittenInTheBrowserExportsWithAwkwardFrontMatterIntact()
    {
        await using var harness = new EditorHarness();
        harness.Content.Write("categories.yml", "- id: other\n  name: {ja: その他}\n");
        var source = new ArticleSource("ja", "quoting", "注意: \"引用符\" と [括弧] #記号", "other", ["a, b", "true", "タグ"], "- 先頭がハイフン", true, -3, null,
            "本文です。\n\n| 列1 | 列2 |\n|---|---|\n| あ | い |\n");
        var id = await harness.CreateAsync(source);
        await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, null, EditorHarness.Alice));

        using var exported = new TempFolder();
        await harness.InScopeAsync((_, db) => ExportContentCommand.ExportAsync(db, harness.Content.Path, exported.Path));
        var problems = new List<ContentProblem>();
        var files = ContentLoader.ReadArticleFiles(exported.Path, problems);

        Assert.Empty(problems);
        var file = Assert.Single(files);
        Assert.Equal("ja/other/quoting.md", file.RelativePath);
        Assert.Equal(source with { Updated = new DateOnly(2026, 12, 1) }, file.Source with { Tags = source.Tags });
        Assert.Equal(source.Tags, file.Source.Tags);
    }

    [Fact]
    public async Task FileChangeAfterABrowserEditWinsIsFlaggedAndBothStayInHistory()
    {
        var content = new TempFolder().Write("ja/other/holiday.md", "---\ntitle: 年末年始\ncategory: other\n---\n12月31日はお休みです。\n");
        await using var harness = new EditorHarness(content);
        await harness.Store.ReloadAsync(importFiles: true);
        var id = (await harness.ArticleAsync("ja", "holiday")).Id;
        var first = await harness.InScopeAsync((w, _) => w.RevisionAsync(id, 1));
        Assert.Equal(("file: ja/other/holiday.md", RevisionOrigin.File), (first!.AuthorName, first.Origin));

        await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("holiday", "ブラウザーで書いた本文", category: "other"), null, EditorHarness.Alice));
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.False((await harness.ArticleAsync("ja", "holiday")).FileReplacedBrowserEdit);

        content.Write("ja/other/holiday.md", "---\ntitle: 年末年始\ncategory: other\n---\n12月31日と1月1日はお休みです。\n");
        await harness.Store.ReloadAsync(importFiles: true);

        var article = await harness.ArticleAsync("ja", "holiday");
        Assert.True(article.FileReplacedBrowserEdit);
        Assert.Equal((3, 3), (article.HeadNumber, article.PublishedNumber!.Value));
        var bodies = await harness.InScopeAsync((_, db) => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Body).ToListAsync());
        Assert.Equal(["12月31日はお休みです。\n", "ブラウザーで書いた本文", "12月31日と1月1日はお休みです。\n"], bodies);
        Assert.Contains("1月1日", harness.Store.Current.Find("ja", "holiday")!.PlainText, StringComparison.Ordinal);

        // Unchanged files are not imported again.
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.Equal(3, (await harness.ArticleAsync("ja", "holiday")).HeadNumber);
    }

    [Fact]
    public async Task BrokenOrDeletedFileTakesItsArticleOfflineAndAFixBringsItBack()
    {
        var content = new TempFolder().Write("ja/other/a.md", "---\ntitle: A\ncategory: other\n---\n本文\n");
        await using var harness = new EditorHarness(content);
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.NotNull(harness.Store.Current.Find("ja", "a"));

        content.Write("ja/other/a.md", "---\ntitle: [broken\ncategory: other\n---\n本文\n");
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.Null(harness.Store.Current.Find("ja", "a"));
        Assert.Contains(harness.Store.Current.Problems, p => p.File == "ja/other/a.md" && p.Line == 2);

        content.Write("ja/other/a.md", "---\ntitle: A\ncategory: other\n---\n本文\n");
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.NotNull(harness.Store.Current.Find("ja", "a"));

        File.Delete(Path.Combine(content.Path, "ja/other/a.md"));
        await harness.Store.ReloadAsync(importFiles: true);
        Assert.Null(harness.Store.Current.Find("ja", "a"));
        Assert.Equal(ArticleStatus.Unpublished, (await harness.ArticleAsync("ja", "a")).Status);
    }
}
