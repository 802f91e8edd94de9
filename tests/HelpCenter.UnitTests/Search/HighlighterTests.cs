using HelpCenter.Search;

namespace HelpCenter.UnitTests.Search;

public sealed class HighlighterTests
{
    [Fact]
    public void MarksMatchesAndEscapesEverythingElse()
    {
        var html = Highlighter.Mark("<b>パスワード</b> & 再設定", ["パスワード", "再設定"]);
        Assert.Equal("&lt;b&gt;<mark>パスワード</mark>&lt;/b&gt; &amp; <mark>再設定</mark>", html);
    }

    [Fact]
    public void MatchesAcrossWidthAndCase()
    {
        Assert.Equal("<mark>ﾊﾟｽﾜｰﾄﾞ</mark>を変更", Highlighter.Mark("ﾊﾟｽﾜｰﾄﾞを変更", ["パスワード"]));
        Assert.Equal("Reset your <mark>PASSWORD</mark>", Highlighter.Mark("Reset your PASSWORD", ["password"]));
    }

    [Fact]
    public void SnippetCentresOnTheMatches()
    {
        var text = new string('あ', 300) + "出金手数料は330円です" + new string('い', 300);

        var snippet = Highlighter.Snippet(text, ["出金", "手数料"]);

        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("<mark>出金</mark><mark>手数料</mark>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void SnippetWithoutMatchesIsTheStart()
    {
        var snippet = Highlighter.Snippet(new string('x', 500), ["none"]);
        Assert.Equal(new string('x', Highlighter.SnippetLength) + "…", snippet);
    }

    [Fact]
    public void KeepsTheYenSignReadable() => Assert.Equal("¥330", Highlighter.Mark("¥330", []));

    [Fact]
    public void ArticleGivesWhatTheSeparateCallsGive()
    {
        string[] words = ["パスワード", "再設定", "2fa", "メール"];
        var (title, tags, summary) = ("ﾊﾟｽﾜｰﾄﾞを再設定する（ＰＣ）", "パスワード , 2FA", "メールで「再設定」します。");
        var body = new string('あ', 200) + "パスワードの再設定はメールで。ＡＢＣ　２ＦＡ ｶﾞｲﾄﾞ" + new string('い', 200);

        var (titleHtml, snippetHtml, found) = Highlighter.Article(title, tags, summary, body, words);

        Assert.Equal(Highlighter.Mark(title, words), titleHtml);
        Assert.Equal(Highlighter.Snippet(body, words), snippetHtml);
        Assert.Equal(Highlighter.Found(title + "\n" + tags + "\n" + summary + "\n" + body, words), found);
    }
}
