using HelpCenter.Search;
using HelpCenter.Search.Analysis;

namespace HelpCenter.UnitTests.Search;

/// <summary>
/// What a result set means: every article having the query's words, honestly counted and reachable by paging; nothing
/// for words the help center does not know; the same with MeCab and with the ICU fallback.
/// </summary>
public sealed class ResultSetTests(SearchEngineFixture engines) : IClassFixture<SearchEngineFixture>
{
    public static TheoryData<string, bool> WordsOfTheIssue => new()
    {
        { "手数料", false }, { "パスワード", false }, { "ログイン", false }, { "本人確認", false }, { "暗号資産", false }, { "メールアドレス", false },
        { "手数料", true }, { "パスワード", true }, { "ログイン", true }, { "本人確認", true }, { "暗号資産", true }, { "メールアドレス", true },
    };

    [Theory]
    [MemberData(nameof(WordsOfTheIssue))]
    public void EveryArticleContainingTheWordIsListedAndCounted(string word, bool icu)
    {
        var engine = icu ? engines.Icu : engines.MeCab;
        var containing = engines.Documents
            .Where(d => d.Language == "ja" && JapaneseText.Normalize(string.Join('\n', d.Title, string.Join(' ', d.Tags), d.Summary, d.Body)).Contains(word, StringComparison.Ordinal))
            .Select(d => d.Slug)
            .ToHashSet();
        Assert.True(containing.Count >= 10, $"{word} is in {containing.Count} articles only");

        var (listed, total) = AllPages(engine, word, "ja", pageSize: 7);

        Assert.Superset(containing, listed.ToHashSet());
        Assert.Equal(total, listed.Count);
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Theory]
    [InlineData("ステーキング", false)]
    [InlineData("レバレッジ", false)]
    [InlineData("xyzzy不明な語", false)]
    [InlineData("NFT 購入方法", false)]
    [InlineData("staking rewards", false)]
    [InlineData("ステーキング", true)]
    [InlineData("xyzzy不明な語", true)]
    [InlineData("NFT 購入方法", true)]
    public void WordsTheHelpCenterDoesNotKnowFindNothing(string query, bool icu)
    {
        var language = query.All(c => c < 128) ? "en" : "ja";
        var results = (icu ? engines.Icu : engines.MeCab).Search(new SearchRequest(query, language));

        Assert.Equal(0, results.Total);
        Assert.Empty(results.Hits);
        Assert.Empty(results.Facets);
    }

    [Theory]
    [InlineData("出金 手数料")]
    [InlineData("スマホ なくした")]
    [InlineData("ログインできない")]
    [InlineData("forgot password")]
    public void EveryResultHasSomeOfTheQueryWords(string query)
    {
        var language = query.All(c => c < 128) ? "en" : "ja";
        var results = engines.MeCab.Search(new SearchRequest(query, language, Limit: 50));

        Assert.NotEmpty(results.Hits);
        Assert.Equal(results.Total, results.Hits.Count);
        Assert.All(results.Hits, h => Assert.NotEmpty(h.MatchedTerms));
    }

    [Fact]
    public void CharacterFragmentsAloneDoNotMakeAResult()
    {
        // ステーキング shares the bigram ング with フィッシング, キン with ...; sharing fragments is not having the word.
        var fragments = engines.MeCab.Search(new SearchRequest("ステーキング", "ja", Limit: 50));
        Assert.DoesNotContain(fragments.Hits, h => h.Slug == "phishing");

        // A compound the dictionary does not know, written out in an article, is found (bigrams rescue it).
        var compound = engines.Documents.First(d => d.Language == "ja" && d.Body.Contains("出金手数料", StringComparison.Ordinal));
        Assert.Contains(engines.MeCab.Search(new SearchRequest("出金手数料", "ja", Limit: 50)).Hits, h => h.Slug == compound.Slug);
    }

    [Fact]
    public void NothingFoundOffersAKnownWordWithinTheTypoDistance()
    {
        var typo = engines.MeCab.Search(new SearchRequest("パスワート", "ja"));
        Assert.Equal(0, typo.Total);
        Assert.Equal("パスワード", typo.DidYouMean);

        var unknown = engines.MeCab.Search(new SearchRequest("ステーキング", "ja"));
        Assert.Null(unknown.DidYouMean);
    }

    [Fact]
    public void NothingFoundGuessesTheCategoryFromTheKnownWords()
    {
        // 注文 is known (trading); ステーキング is not, and half of a short query unknown means nothing matches.
        var results = engines.MeCab.Search(new SearchRequest("ステーキング 注文", "ja"));

        Assert.Equal(0, results.Total);
        Assert.Equal("trading", results.GuessedCategory);
        Assert.Null(engines.MeCab.Search(new SearchRequest("xyzzy", "ja")).GuessedCategory);
    }

    [Theory]
    [InlineData("忘記密碼", "password-reset")]
    [InlineData("什麼是限價單", "order-types")]
    [InlineData("提幣手續費", "withdrawal-fees")]
    public void TraditionalChineseFindsTheSimplifiedArticles(string query, string expected)
    {
        Assert.Equal(expected, engines.Slugs(query, "zh") is [var first, ..] ? first : null);
        Assert.Equal(expected, engines.Slugs(query, "zh", engines.Icu) is [var icuFirst, ..] ? icuFirst : null);
    }

    [Fact]
    public void TraditionalCharactersFoldToSimplified()
    {
        Assert.Equal("忘记密码", ChineseText.ToSimplified("忘記密碼"));
        Assert.Equal("パスワード abc 密码", ChineseText.ToSimplified("パスワード abc 密码"));
    }

    [Theory]
    [InlineData("cancel order", "cancel-order")]
    [InlineData("stop order", "stop-order")]
    [InlineData("逆指値", "stop-order")]
    [InlineData("API key", "api-keys")]
    public void EnglishReadersFindJapaneseOnlyArticles(string query, string expected)
    {
        var results = engines.MeCab.Search(new SearchRequest(query, "en", Limit: 20));

        var hit = Assert.Single(results.Hits, h => h.Slug == expected);
        Assert.Equal("ja", hit.Language);
    }

    [Fact]
    public void ReadersNeverGetTheJapaneseOriginalOfATranslatedArticle()
    {
        var translated = engines.Documents.Where(d => d.Language == "en").Select(d => d.Slug).ToHashSet();
        foreach (var query in new[] { "password", "パスワード 忘れた", "手数料", "2FA" })
        {
            var results = engines.MeCab.Search(new SearchRequest(query, "en", Limit: 50));
            Assert.All(results.Hits, h => Assert.True(h.Language == "en" || !translated.Contains(h.Slug), $"{query}: ja:{h.Slug}"));
            Assert.Equal(results.Hits.Count, results.Hits.Select(h => h.Slug).Distinct().Count());
        }

        // Japanese typed by an English reader searches the Japanese text, and offers the translation.
        Assert.Contains(engines.MeCab.Search(new SearchRequest("パスワード 忘れた", "en")).Hits, h => h is { Slug: "password-reset", Language: "en" });
    }

    [Fact]
    public void ChineseReadersFindJapaneseOnlyArticlesThroughTheGlossary()
    {
        var hit = engines.MeCab.Search(new SearchRequest("怎么撤单", "zh")).Hits is [var first, ..] ? first : null;

        Assert.Equal(("cancel-order", "ja"), (hit?.Slug, hit?.Language));
    }

    private static (List<string> Listed, int Total) AllPages(SearchEngine engine, string query, string language, int pageSize)
    {
        var listed = new List<string>();
        var total = 0;
        for (var offset = 0; offset < 500; offset += pageSize)
        {
            var page = engine.Search(new SearchRequest(query, language, Offset: offset, Limit: pageSize));
            total = page.Total;
            listed.AddRange(page.Hits.Select(h => h.Slug));
            if (offset + pageSize >= page.Total)
            {
                break;
            }
        }

        return (listed, total);
    }
}
