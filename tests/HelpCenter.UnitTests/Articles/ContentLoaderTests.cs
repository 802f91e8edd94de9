using HelpCenter.Articles;

namespace HelpCenter.UnitTests.Articles;

public sealed class ContentLoaderTests
{
    private const string Categories = """
        - id: security
          order: 1
          icon: lock
          name: { ja: セキュリティ, en: Security, zh: 安全 }
          description: { ja: 説明, en: About security }
        """;

    private static string ArticleText(string title, string category = "security", string extra = "") =>
        $"---\ntitle: {title}\ncategory: {category}\n{extra}---\n本文 {title}\n\n## 見出し\n\n内容\n";

    [Fact]
    public void LoadsArticlesFromNestedFoldersWithSlugFromFileName()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/security/deep/password-reset.md", ArticleText("パスワード"))
            .Write("en/password-reset.md", ArticleText("Password"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.Empty(snapshot.Problems);
        var ja = snapshot.Find("ja", "password-reset");
        Assert.NotNull(ja);
        Assert.Equal("パスワード", ja.Title);
        Assert.Equal("ja/security/deep/password-reset.md", ja.SourcePath);
        Assert.Contains("<h2 id=\"見出し\">", ja.Html, StringComparison.Ordinal);
        Assert.Equal("en", Assert.Single(snapshot.Translations(ja)).Language);
    }

    [Fact]
    public void UpdatedDefaultsToTheFilesLastChange()
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write("ja/a.md", ArticleText("A"));
        var path = Path.Combine(content.Path, "ja/a.md");
        File.SetLastWriteTimeUtc(path, new DateTime(2025, 3, 4, 12, 0, 0, DateTimeKind.Utc));

        var article = ContentLoader.Load(content.Path).Find("ja", "a");

        Assert.Equal(new DateOnly(2025, 3, 4), article!.Updated);
    }

    [Fact]
    public void BrokenFileIsSkippedAndTheOthersStillLoad()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/good.md", ArticleText("良い記事"))
            .Write("ja/broken.md", "---\ntitle: [oops\ncategory: security\n---\nbody\n")
            .Write("ja/no-title.md", "---\ncategory: security\n---\nbody\n");

        var snapshot = ContentLoader.Load(content.Path);

        Assert.NotNull(snapshot.Find("ja", "good"));
        Assert.Null(snapshot.Find("ja", "broken"));
        Assert.Null(snapshot.Find("ja", "no-title"));
        Assert.Contains(snapshot.Problems, p => p.File == "ja/broken.md" && p.Line == 2 && p.Severity == ProblemSeverity.Error);
        Assert.Contains(snapshot.Problems, p => p.File == "ja/no-title.md" && p.Message.Contains("missing 'title'", StringComparison.Ordinal));
    }

    [Fact]
    public void DuplicateSlugKeepsTheFirstFileAndNamesIt()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/a/reset.md", ArticleText("First"))
            .Write("ja/b/other.md", ArticleText("Second", extra: "slug: reset\n"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.Equal("First", snapshot.Find("ja", "reset")!.Title);
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal("ja/b/other.md", problem.File);
        Assert.Contains("duplicate slug 'reset'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ja/a/reset.md", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameSlugInTwoLanguagesIsNotADuplicate()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/reset.md", ArticleText("ja"))
            .Write("zh/reset.md", ArticleText("zh"));

        Assert.Empty(ContentLoader.Load(content.Path).Problems);
    }

    [Theory]
    [InlineData("fr/article.md")]
    [InlineData("article.md")]
    [InlineData("JA/article.md")]
    public void FileOutsideALanguageFolderIsRejected(string path)
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write(path, ArticleText("X"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.Empty(snapshot.Articles);
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal(path, problem.File);
        Assert.Contains("language folder", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNameThatCannotBeASlugIsRejected()
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write("ja/パスワード.md", ArticleText("X"));

        var problem = Assert.Single(ContentLoader.Load(content.Path).Problems);

        Assert.Contains("add 'slug: ...'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyBodyIsRejected()
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write("ja/empty.md", "---\ntitle: T\ncategory: security\n---\n\n  \n");

        var problem = Assert.Single(ContentLoader.Load(content.Path).Problems);

        Assert.Equal(5, problem.Line);
        Assert.Contains("no text", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCategoryStillAppearsUnderItsIdWithAWarning()
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write("ja/x.md", ArticleText("X", category: "billing"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.NotNull(snapshot.Find("ja", "x"));
        var category = snapshot.FindCategory("billing");
        Assert.NotNull(category);
        Assert.False(category.Listed);
        Assert.Equal("billing", category.Name("ja"));
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Contains("'billing' is not in categories.yml", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenCategoriesFileIsReportedAndArticlesStillLoad()
    {
        using var content = new TempFolder().Write("categories.yml", "- id: security\n  name: { ja: [broken\n").Write("ja/x.md", ArticleText("X"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.NotNull(snapshot.Find("ja", "x"));
        Assert.Contains(snapshot.Problems, p => p.File == "categories.yml" && p.Severity == ProblemSeverity.Error);
    }

    [Fact]
    public void CategoriesAreReadInEveryLanguage()
    {
        using var content = new TempFolder().Write("categories.yml", Categories);

        var category = ContentLoader.Load(content.Path).FindCategory("security")!;

        Assert.Equal("セキュリティ", category.Name("ja"));
        Assert.Equal("安全", category.Name("zh"));
        Assert.Equal("About security", category.Description("en"));
        Assert.Equal("説明", category.Description("zh"));
        Assert.Equal("/icons/lock.svg", category.IconUrl);
    }

    [Fact]
    public void LinkToAMissingArticleIsAProblemWithItsLine()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/a.md", "---\ntitle: A\ncategory: security\n---\n一行目\n\n[B](/ja/articles/b) と [英語](/en/articles/b#top) と [ない](/ja/articles/gone)\n")
            .Write("ja/b.md", ArticleText("B"));

        var snapshot = ContentLoader.Load(content.Path);

        // /en/articles/b shows the Japanese original, so only the link to 'gone' leads nowhere.
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal(("ja/a.md", 7, ProblemSeverity.Warning), (problem.File, problem.Line, problem.Severity));
        Assert.Contains("'/ja/articles/gone'", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(snapshot.Find("ja", "a"));
    }

    [Fact]
    public void MarkdownNestedTooDeeplyIsSkippedWithItsLine()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/deep.md", "---\ntitle: T\ncategory: security\n---\n" + new string('>', 500) + " x\n")
            .Write("ja/fine.md", ArticleText("Fine"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.NotNull(snapshot.Find("ja", "fine"));
        var problem = Assert.Single(snapshot.Problems);
        Assert.Equal(("ja/deep.md", 5), (problem.File, problem.Line));
        Assert.Contains("nested too deeply", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HiddenFilesAndFoldersAreIgnored()
    {
        using var content = new TempFolder()
            .Write("categories.yml", Categories)
            .Write("ja/.drafts/x.md", "not front matter")
            .Write("ja/.#editor-lock.md", "not front matter")
            .Write("ja/notes.txt", "not markdown");

        Assert.Empty(ContentLoader.Load(content.Path).Problems);
    }

    [Fact]
    public void MissingTranslationFallsBackToJapanese()
    {
        using var content = new TempFolder().Write("categories.yml", Categories).Write("ja/only-ja.md", ArticleText("日本語だけ"));

        var snapshot = ContentLoader.Load(content.Path);

        Assert.Equal("ja", snapshot.FindWithFallback("en", "only-ja")!.Language);
        Assert.Single(snapshot.VisibleIn("zh"));
    }
}
