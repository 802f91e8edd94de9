using HelpCenter.Search;

namespace HelpCenter.UnitTests.Search;

/// <summary>The cases customers hit most: the right article must come first.</summary>
public sealed class RankingTests(SearchEngineFixture engines) : IClassFixture<SearchEngineFixture>
{
    [Theory]
    [InlineData("パスワード 忘れた", "password-reset")]
    [InlineData("ＰＷ忘れた", "password-reset")]
    [InlineData("ぱすわーど わすれた", "password-reset")]
    [InlineData("二段階認証 設定", "two-factor-setup")]
    [InlineData("２ＦＡ", "two-factor-setup")]
    [InlineData("フィッシング", "phishing")]
    [InlineData("ﾌｨｯｼﾝｸﾞ", "phishing")]
    [InlineData("年間取引報告書", "annual-trade-report")]
    [InlineData("スマホ なくした", "lost-phone")]
    [InlineData("日本円 入金 反映されない", "jpy-deposit-not-reflected")]
    [InlineData("仮想通貨 送金", "crypto-withdrawal")]
    [InlineData("口座 凍結 解除", "account-frozen")]
    [InlineData("APIキー", "api-keys")]
    [InlineData("税金", "tax-calculation")]
    public void JapaneseQueriesFindTheRightArticleFirst(string query, string expected) =>
        Assert.Equal(expected, engines.Slugs(query) is [var first, ..] ? first : null);

    [Theory]
    [InlineData("forgot password", "en", "password-reset")]
    [InlineData("withdrawl fees", "en", "withdrawal-fees")]
    [InlineData("two factor authentication setup", "en", "two-factor-setup")]
    [InlineData("忘记密码", "zh", "password-reset")]
    [InlineData("双重验证", "zh", "two-factor-setup")]
    [InlineData("钓鱼邮件", "zh", "phishing")]
    public void EnglishAndChineseQueriesFindTheRightArticleFirst(string query, string language, string expected) =>
        Assert.Equal(expected, engines.Slugs(query, language) is [var first, ..] ? first : null);

    [Fact]
    public void KanaFindsTheKanjiTitles()
    {
        // Both 2FA articles have 二段階認証 in their title; typed in kana, both come first.
        Assert.Equal(["two-factor-code-invalid", "two-factor-setup"], engines.Slugs("にだんかいにんしょう").Take(2).Order());
    }

    [Fact]
    public void TitleMatchesRankAboveBodyMatches()
    {
        // 「リカバリーコード」 is the title of one article and appears in the body of several others.
        var slugs = engines.Slugs("リカバリーコード");
        Assert.Equal("recovery-codes", slugs[0]);
        Assert.True(slugs.Count > 1);
    }

    [Theory]
    [InlineData("「数量が正しくありません」と表示される")]
    [InlineData("「このアカウントは凍結されています」")]
    [InlineData("「ログインが一時的に制限されています」と出た")]
    [InlineData("「認証コードが正しくありません」")]
    public void AQuotedScreenMessageFindsTheArticleQuotingIt(string query)
    {
        var quote = query[1..query.IndexOf('」', StringComparison.Ordinal)];
        var quoting = engines.Documents.Where(d => d.Language == "ja" && d.Body.Contains(quote, StringComparison.Ordinal)).Select(d => d.Slug).ToList();
        Assert.NotEmpty(quoting);

        // The article quoting the message is among the first three (the first may be the one about its cause).
        Assert.NotEmpty(engines.Slugs(query).Take(3).Intersect(quoting));
    }

    [Fact]
    public void SearchOnlyReturnsArticlesInTheRequestedLanguage()
    {
        var results = engines.MeCab.Search(new SearchRequest("password", "en", Limit: 50));
        Assert.NotEmpty(results.Hits);
        Assert.All(results.Hits, h => Assert.Equal("en", h.Language));
    }

    [Fact]
    public void CategoryFilterKeepsFacetsOfAllCategories()
    {
        var all = engines.MeCab.Search(new SearchRequest("出金", "ja", Limit: 50));
        var category = all.Facets.Keys.First();

        var filtered = engines.MeCab.Search(new SearchRequest("出金", "ja", category, Limit: 50));

        Assert.Equal(all.Facets, filtered.Facets);
        Assert.Equal(all.Facets[category], filtered.Total);
        Assert.All(filtered.Hits, h => Assert.Equal(category, h.Category));
    }

    [Fact]
    public void MatchedTermsSayWhyAnArticleWasOffered()
    {
        var hit = engines.MeCab.Search(new SearchRequest("出金 手数料", "ja")).Hits[0];
        Assert.Contains("手数料", hit.MatchedTerms);
    }

    [Fact]
    public void SuggestionsFollowPrefixesReadingsAndLanguage()
    {
        Assert.Equal("password-reset", engines.MeCab.Suggest("パスワード", "ja")[0].Slug);
        Assert.Contains(engines.MeCab.Suggest("ぱすわ", "ja"), s => s.Slug == "password-reset");
        Assert.Contains(engines.MeCab.Suggest("ﾊﾟｽﾜ", "ja"), s => s.Slug == "password-reset");
        Assert.All(engines.MeCab.Suggest("pass", "en"), s => Assert.StartsWith("/en/", s.Url, StringComparison.Ordinal));
        Assert.True(engines.MeCab.Suggest("の", "ja").Count <= 8);
        Assert.Empty(engines.MeCab.Suggest("   ", "ja"));
    }

    [Theory]
    [InlineData("wallet", "a")] // spelled right: not widened to its neighbour "wallets"
    [InlineData("walet", "a")] // one edit from "wallet", two from "wallets"
    [InlineData("wallts", "b")] // one edit from "wallets", two from "wallet"
    public void TyposOfLatinWordsFindTheirWordButKnownWordsAreNotWidened(string query, string expected)
    {
        static SearchDocument Article(string slug, string word) =>
            new("ja", slug, $"{word}について", [], "", $"{word}の使い方を説明します。", "other", $"/ja/articles/{slug}");

        using var engine = engines.Create(forceIcu: false, SynonymSet.Empty, [Article("a", "wallet"), Article("b", "wallets")]);

        Assert.Equal([expected], engines.Slugs(query, "ja", engine));
    }

    [Fact]
    public void ASingleKanjiIsMarkedOnlyWhenTypedAsAWord()
    {
        static SearchDocument Article(string slug, string title) =>
            new("ja", slug, title, [], "", $"{title}について説明します。", "other", $"/ja/articles/{slug}");

        using var engine = engines.Create(forceIcu: false, SynonymSet.Empty, [Article("a", "入金方法の確認"), Article("b", "税の申告")]);

        var compound = engine.Search(new SearchRequest("入金 対処法", "ja")).Hits.Single(h => h.Slug == "a").TitleHtml;
        Assert.Contains("<mark>入金</mark>", compound, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>法</mark>", compound, StringComparison.Ordinal);

        var typed = engine.Search(new SearchRequest("税 申告", "ja")).Hits.Single(h => h.Slug == "b").TitleHtml;
        Assert.Contains("<mark>税</mark>", typed, StringComparison.Ordinal);
    }

    [Fact]
    public void SynonymsAreMarkedAsWrittenNotInPieces()
    {
        var synonyms = SynonymSet.Parse("不正ログイン, 身に覚えのないログイン", out _);
        var article = new SearchDocument("ja", "a", "身に覚えのないログインがあった場合", [], "", "心当たりがない場合はパスワードを変更してください。", "security", "/ja/articles/a");
        using var engine = engines.Create(forceIcu: false, synonyms, [article]);

        var hit = engine.Search(new SearchRequest("不正ログイン", "ja")).Hits.Single();

        Assert.Contains("<mark>身に覚えのないログイン</mark>", hit.TitleHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<mark>ない</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }
}
