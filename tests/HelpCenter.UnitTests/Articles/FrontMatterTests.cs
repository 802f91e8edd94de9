using HelpCenter.Articles;

namespace HelpCenter.UnitTests.Articles;

public sealed class FrontMatterTests
{
    private static (FrontMatter? FrontMatter, string Body, List<ContentProblem> Problems) Parse(string text)
    {
        var problems = new List<ContentProblem>();
        var (front, body, _) = FrontMatter.Parse("ja/test.md", text, problems);
        return (front, body, problems);
    }

    [Fact]
    public void ParsesEveryField()
    {
        var (front, body, problems) = Parse("""
            ---
            title: "二段階認証: 設定方法"
            category: security
            tags: [二段階認証, 2FA]
            summary: 手順です。
            faq: true
            order: 3
            updated: 2026-10-15
            slug: two-factor
            ---
            本文です。
            """);

        Assert.Empty(problems);
        Assert.NotNull(front);
        Assert.Equal("二段階認証: 設定方法", front.Title);
        Assert.Equal("security", front.Category);
        Assert.Equal(["二段階認証", "2FA"], front.Tags);
        Assert.Equal("手順です。", front.Summary);
        Assert.True(front.Faq);
        Assert.Equal(3, front.Order);
        Assert.Equal(new DateOnly(2026, 10, 15), front.Updated);
        Assert.Equal("two-factor", front.Slug);
        Assert.Equal("本文です。", body.Trim());
    }

    [Fact]
    public void OptionalFieldsHaveDefaults()
    {
        var (front, _, problems) = Parse("---\ntitle: T\ncategory: trading\n---\nbody\n");
        Assert.Empty(problems);
        Assert.NotNull(front);
        Assert.Empty(front.Tags);
        Assert.Equal("", front.Summary);
        Assert.False(front.Faq);
        Assert.Equal(0, front.Order);
        Assert.Null(front.Updated);
        Assert.Null(front.Slug);
    }

    [Fact]
    public void AcceptsWindowsLineEndingsAndByteOrderMark()
    {
        var (front, body, problems) = Parse("\uFEFF---\r\ntitle: T\r\ncategory: trading\r\n---\r\nbody\r\n");
        Assert.Empty(problems);
        Assert.Equal("T", front!.Title);
        Assert.Equal("body", body.Trim());
    }

    [Fact]
    public void CommaSeparatedTagsAreAccepted()
    {
        var (front, _, _) = Parse("---\ntitle: T\ncategory: trading\ntags: a, b ,c\n---\nbody\n");
        Assert.Equal(["a", "b", "c"], front!.Tags);
    }

    [Theory]
    [InlineData("title: T\ncategory: trading\n---\nbody", 1, "must start with a line '---'")]
    [InlineData("---\ntitle: T\ncategory: trading\nbody without closing", 1, "not closed")]
    [InlineData("---\ncategory: trading\n---\nbody", 2, "missing 'title'")]
    [InlineData("---\ntitle: T\n---\nbody", 2, "missing 'category'")]
    [InlineData("---\ntitle: T\ncategory: Trading Stuff\n---\nbody", 3, "not a valid id")]
    [InlineData("---\ntitle: T\ncategory: trading\nfaq: maybe\n---\nbody", 4, "'faq' must be true or false")]
    [InlineData("---\ntitle: T\ncategory: trading\norder: first\n---\nbody", 4, "'order' must be a whole number")]
    [InlineData("---\ntitle: T\ncategory: trading\nupdated: 2026-13-45\n---\nbody", 4, "'updated' must be a date")]
    [InlineData("---\ntitle: T\ncategory: trading\nslug: Not A Slug\n---\nbody", 4, "slug 'Not A Slug' is not valid")]
    [InlineData("---\ntitle: [unclosed\ncategory: trading\n---\nbody", 2, "invalid YAML")]
    [InlineData("---\ntitle: a: b: c\ncategory: trading\n---\nbody", 2, "invalid YAML")]
    [InlineData("---\n---\nbody", 2, "list of 'key: value' lines")]
    public void ReportsTheLineAndWhatToFix(string text, int line, string message)
    {
        var (front, _, problems) = Parse(text);
        Assert.Null(front);
        var problem = Assert.Single(problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal("ja/test.md", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyIsAWarningWithItsLine()
    {
        var (front, _, problems) = Parse("---\ntitle: T\ncategory: trading\ntitel: typo\n---\nbody\n");
        Assert.NotNull(front);
        var problem = Assert.Single(problems);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(4, problem.Line);
        Assert.Contains("unknown key 'titel'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemPrintsFileLineAndSeverity()
    {
        var problem = new ContentProblem("ja/a.md", 7, ProblemSeverity.Error, "missing 'title'");
        Assert.Equal("ja/a.md:7: error (file skipped): missing 'title'", problem.ToString());
    }
}
