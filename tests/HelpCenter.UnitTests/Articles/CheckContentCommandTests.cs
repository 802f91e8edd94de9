using HelpCenter.Articles;

namespace HelpCenter.UnitTests.Articles;

public sealed class CheckContentCommandTests
{
    [Fact]
    public void PrintsEveryProblemAndExitsWithOne()
    {
        using var content = new TempFolder()
            .Write("categories.yml", "- id: security\n  name: { ja: セキュリティ }\n")
            .Write("ja/ok.md", "---\ntitle: OK\ncategory: security\n---\nbody\n")
            .Write("ja/bad.md", "---\ntitle: [bad\ncategory: security\n---\nbody\n")
            .Write("de/x.md", "---\ntitle: X\ncategory: security\n---\nbody\n");
        var output = new StringWriter();

        var exitCode = CheckContentCommand.Run([content.Path], output);

        Assert.Equal(1, exitCode);
        var text = output.ToString();
        Assert.Contains("ja/bad.md:2: error (file skipped): invalid YAML", text, StringComparison.Ordinal);
        Assert.Contains("de/x.md: error (file skipped): articles must be inside a language folder", text, StringComparison.Ordinal);
        Assert.Contains("1 articles (ja 1), 2 errors, 0 warnings", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitsWithZeroWhenEverythingIsFine()
    {
        using var content = new TempFolder()
            .Write("categories.yml", "- id: security\n  name: { ja: セキュリティ }\n")
            .Write("ja/ok.md", "---\ntitle: OK\ncategory: security\n---\nbody\n");

        Assert.Equal(0, CheckContentCommand.Run([content.Path], new StringWriter()));
    }
}
