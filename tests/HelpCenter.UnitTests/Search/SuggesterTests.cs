using HelpCenter.Search;

namespace HelpCenter.UnitTests.Search;

/// <summary>The typeahead: every word typed must match, in any order, in kana or kanji, as a prefix while typing.</summary>
public sealed class SuggesterTests(SearchEngineFixture engines) : IClassFixture<SearchEngineFixture>
{
    [Theory]
    [InlineData("入金 反映")]
    [InlineData("反映 入金")]
    [InlineData("にゅうきん はんえい")]
    [InlineData("ﾆｭｳｷﾝ 反映")]
    [InlineData("入金 はんえ")]
    public void EveryWordMatchesInAnyOrderAndScript(string typed)
    {
        // The ICU fallback reads kanji with IPADIC's reading list, MeCab with its own dictionary.
        foreach (var engine in new[] { engines.MeCab, engines.Icu })
        {
            var suggestions = engine.Suggest(typed, "ja");

            Assert.Equal("jpy-deposit-not-reflected", suggestions is [var first, ..] ? first.Slug : null);
        }
    }

    [Fact]
    public void AWordThatNoTitleOrTagHasEmptiesTheList()
    {
        Assert.NotEmpty(engines.MeCab.Suggest("出金", "ja"));
        Assert.Empty(engines.MeCab.Suggest("出金 反映", "ja"));
    }

    [Fact]
    public void TitlesMatchingEveryWordComeBeforeTitlesNeedingATag()
    {
        // 日本円を入金する方法 has both words in its title; other articles have 振込 only as a tag.
        var suggestions = engines.MeCab.Suggest("入金 振込", "ja");
        var deposit = engines.MeCab.Suggest("入金", "ja");

        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s => Assert.Contains(s.Slug, deposit.Select(d => d.Slug)));
        Assert.Contains("入金", suggestions[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void LatinWordsMatchAtTheStartOfAWord()
    {
        Assert.Contains(engines.MeCab.Suggest("pass res", "en"), s => s.Slug == "password-reset");
        Assert.DoesNotContain(engines.MeCab.Suggest("ass", "en"), s => s.Slug == "password-reset");
    }

    [Fact]
    public void EnglishAndChineseReadersAlsoGetJapaneseOnlyTitles()
    {
        var cancel = Assert.Single(engines.MeCab.Suggest("cancel ord", "en"), s => s.Slug == "cancel-order");
        Assert.Equal("ja", cancel.Language);

        var stop = engines.MeCab.Suggest("逆指値", "en");
        Assert.Contains(stop, s => s is { Slug: "stop-order", Language: "ja" });
        Assert.All(stop, s => Assert.True(s.Language == "en" || s.Slug is not ("order-types" or "password-reset")));

        Assert.Equal("password-reset", engines.MeCab.Suggest("忘記", "zh") is [var first, ..] ? first.Slug : null);
    }
}
