using HelpCenter.Articles;

namespace HelpCenter.UnitTests.Articles;

/// <summary>The shipped content is what editors start from: it must load cleanly and meet the brief.</summary>
public sealed class SampleContentTests
{
    private static readonly ContentSnapshot Snapshot = ContentLoader.Load(Repository.Content);

    [Fact]
    public void SampleContentHasNoProblems() =>
        Assert.Empty(Snapshot.Problems.Select(p => p.ToString()));

    [Fact]
    public void ThereAreAtLeast45JapaneseArticlesAcrossFiveCategories()
    {
        var ja = Snapshot.Articles.Where(a => a.Language == "ja").ToList();
        Assert.True(ja.Count >= 45, $"{ja.Count} Japanese articles");
        Assert.Equal(5, Snapshot.Categories.Count(c => c.Listed));
        Assert.All(Snapshot.Categories, c => Assert.Contains(ja, a => a.CategoryId == c.Id));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void AtLeast12ArticlesAreTranslatedWithTheSameSlugAndCategory(string language)
    {
        var translated = Snapshot.Articles.Where(a => a.Language == language).ToList();
        Assert.True(translated.Count >= 12, $"{translated.Count} articles in {language}");
        Assert.All(translated, t => Assert.Equal(Snapshot.Find("ja", t.Slug)?.CategoryId, t.CategoryId));
    }

    /// <summary>Issue 14, item 17: the freeze article said nothing of the help-center account, which is what the site freezes.</summary>
    [Theory]
    [InlineData("ja", "ヘルプセンターのアカウント", "取引所のアカウント")]
    [InlineData("en", "help-center account", "exchange account")]
    [InlineData("zh", "帮助中心账户", "交易所账户")]
    public void FreezeArticleSaysWhichAccountIsFrozenAndHowToFreezeTheExchangeAccount(string language, string helpCenter, string exchange)
    {
        var article = Snapshot.Find(language, "account-frozen");
        Assert.NotNull(article);
        Assert.Equal(language, article.Language);
        Assert.Contains(helpCenter, article.PlainText, StringComparison.Ordinal);
        Assert.Contains(exchange, article.PlainText, StringComparison.Ordinal);
        Assert.Contains("0120-000-000", article.PlainText, StringComparison.Ordinal);
        Assert.Contains("HC-", article.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void JapaneseArticlesAreBetween150And800Characters()
    {
        var outOfRange = Snapshot.Articles
            .Where(a => a.Language == "ja")
            .Select(a => (a.SourcePath, Length: a.PlainText.Count(c => !char.IsWhiteSpace(c))))
            .Where(x => x.Length is < 150 or > 800)
            .ToList();
        Assert.Empty(outOfRange);
    }

    [Fact]
    public void InternalLinksPointToExistingArticles()
    {
        var broken = Snapshot.Articles
            .SelectMany(a => System.Text.RegularExpressions.Regex.Matches(a.Html, "href=\"/(ja|en|zh)/articles/([a-z0-9-]+)\"")
                .Select(m => (a.SourcePath, Lang: m.Groups[1].Value, Slug: m.Groups[2].Value)))
            .Where(link => Snapshot.FindWithFallback(link.Lang, link.Slug) is null)
            .ToList();
        Assert.Empty(broken);
    }
}
