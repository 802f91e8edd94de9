using HelpCenter.Chat;

namespace HelpCenter.UnitTests.Chat;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("see https://example.com/a?b=1&c=2 please", "see <a href=\"https://example.com/a?b=1&amp;c=2\" rel=\"noopener noreferrer nofollow\">https://example.com/a?b=1&amp;c=2</a> please")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("javascript:alert(1)", "javascript:alert(1)")]
    [InlineData("http://x.example/\"onmouseover=alert(1)", "<a href=\"http://x.example/\" rel=\"noopener noreferrer nofollow\">http://x.example/</a>&quot;onmouseover=alert(1)")]
    [InlineData("記事：https://help.example/ja/articles/2fa。ご確認ください", "記事：<a href=\"https://help.example/ja/articles/2fa\" rel=\"noopener noreferrer nofollow\">https://help.example/ja/articles/2fa</a>。ご確認ください")]
    [InlineData("(see https://x.example/a.)", "(see <a href=\"https://x.example/a\" rel=\"noopener noreferrer nofollow\">https://x.example/a</a>.)")]
    public void LinksBecomeClickableAndEverythingElseStaysText(string text, string html)
    {
        using var writer = new StringWriter();
        ChatText.Linkify(text).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        Assert.Equal(html, writer.ToString());
    }

    [Fact]
    public void CannedRepliesSkipEntriesWithoutIdOrText()
    {
        var entries = CannedReplies.Parse("""
            - id: greeting
              title: { ja: ご挨拶 }
              text: { ja: "{customer}様" }
            - id: ""
              text: { ja: 無名 }
            - id: empty
            """);
        var entry = Assert.Single(entries);
        Assert.Equal(("greeting", "{customer}様"), (entry.Id, entry.Text["ja"]));
    }

    [Fact]
    public void ABrokenCannedRepliesFileNamesTheLine()
    {
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => CannedReplies.Parse("- id: a\n  text: { ja: [unclosed\n"));
        Assert.True(error.Start.Line >= 2);
    }
}
