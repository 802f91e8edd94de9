using HelpCenter.Search;

namespace HelpCenter.UnitTests.Search;

public sealed class SynonymSetTests
{
    [Fact]
    public void EquivalentTermsExpandToEachOther()
    {
        var set = SynonymSet.Parse("2FA, 二段階認証, 二要素認証", out var problems);

        Assert.Empty(problems);
        Assert.Equal(["二段階認証", "二要素認証"], set.Expand("2faの設定", "ja"));
        Assert.Equal(["2fa", "二要素認証"], set.Expand("二段階認証を設定", "ja"));
    }

    [Fact]
    public void OneWayRulesOnlyExpandFromTheLeft()
    {
        var set = SynonymSet.Parse("PW忘れ, パスワード忘れた => パスワード 再設定", out _);

        Assert.Equal(["パスワード 再設定"], set.Expand("pw忘れました", "ja"));
        Assert.Empty(set.Expand("パスワード 再設定", "ja"));
    }

    [Fact]
    public void WidthAndCaseDoNotMatter()
    {
        var set = SynonymSet.Parse("ＰＷ, パスワード", out _);
        Assert.Equal(["パスワード"], set.Expand("pw", "ja"));
    }

    [Fact]
    public void LatinTriggersMatchWholeWordsOnly()
    {
        var set = SynonymSet.Parse("pw, password", out _);
        Assert.Empty(set.Expand("pwa install", "en"));
        Assert.Equal(["password"], set.Expand("forgot pw", "en"));
    }

    [Fact]
    public void LongLatinTriggersAlsoMatchTheirTypos()
    {
        var set = SynonymSet.Parse("authenticator, 認証アプリ\ncharge, fee", out _);

        Assert.Equal(["認証アプリ"], set.Expand("authentcator アプリ", "ja"));
        Assert.Equal(["認証アプリ"], set.Expand("authenticater", "ja"));

        // Short words stay exact: "change" is one edit from "charge".
        Assert.Empty(set.Expand("change my password", "en"));
    }

    [Fact]
    public void SectionsLimitRulesToTheirLanguage()
    {
        var set = SynonymSet.Parse("[zh]\n忘记密码 => 重置密码\n[ja]\nパスワード, pw\n[all]\nbtc, bitcoin", out var problems);

        Assert.Empty(problems);
        Assert.Empty(set.Expand("忘记密码", "ja"));
        Assert.Equal(["重置密码"], set.Expand("忘记密码", "zh"));
        Assert.Empty(set.Expand("pw", "en"));
        Assert.Equal(["bitcoin"], set.Expand("btc", "en"));
        Assert.Equal(["bitcoin"], set.Expand("btc", "ja"));
    }

    [Fact]
    public void BadLinesAreReportedWithTheirNumberAndTheRestIsUsed()
    {
        var set = SynonymSet.Parse("# comment\nlonely\n[fr]\na, b", out var problems);

        Assert.Equal([2, 3], problems.Select(p => p.Line));
        Assert.Equal(["b"], set.Expand("a", "ja"));
    }

    [Fact]
    public void ExpansionsAreCapped()
    {
        var set = SynonymSet.Parse("a, " + string.Join(", ", Enumerable.Range(0, 50).Select(i => $"word{i}")), out _);
        Assert.Equal(SynonymSet.MaxExpansions, set.Expand("a", "en").Count);
    }
}
