namespace HelpCenter.UnitTests.Search;

public sealed class AnalyzerTests(SearchEngineFixture engines) : IClassFixture<SearchEngineFixture>
{
    [Fact]
    public void MeCabIsUsedWhenInstalled() => Assert.Equal("mecab", engines.MeCab.AnalyzerName);

    [Fact]
    public void FullWidthLatinAndDigitsAreFolded()
    {
        Assert.Contains("password", engines.MeCab.AnalyzeDocument("title.morph", "ＰＡＳＳＷＯＲＤ"));
        Assert.Contains("2", engines.MeCab.AnalyzeDocument("title.morph", "２段階認証"));
        Assert.Equal(engines.MeCab.AnalyzeQuery("title.bigram", "２ＦＡ"), engines.MeCab.AnalyzeQuery("title.bigram", "2fa"));
    }

    [Fact]
    public void HalfWidthKatakanaBecomesFullWidth()
    {
        Assert.Equal(engines.MeCab.AnalyzeDocument("title.morph", "パスワード"), engines.MeCab.AnalyzeDocument("title.morph", "ﾊﾟｽﾜｰﾄﾞ"));
        Assert.Equal(engines.MeCab.AnalyzeDocument("title.bigram", "パスワード"), engines.MeCab.AnalyzeDocument("title.bigram", "ﾊﾟｽﾜｰﾄﾞ"));
    }

    [Fact]
    public void ParticlesAuxiliariesAndSymbolsAreDroppedAndVerbsUseTheirBaseForm()
    {
        var terms = engines.MeCab.AnalyzeDocument("body.morph", "パスワードを忘れました。");
        Assert.Equal(["パスワード", "忘れる"], terms);
    }

    [Fact]
    public void JapaneseStopWordsAreDropped()
    {
        var terms = engines.MeCab.AnalyzeDocument("body.morph", "出金することができます");
        Assert.Equal(["出金"], terms);
    }

    [Fact]
    public void LongCompoundsAreIndexedWholeAndInParts()
    {
        var terms = engines.MeCab.AnalyzeDocument("title.morph", "二段階認証");
        Assert.Contains("二段階認証", terms);
        Assert.Contains("段階", terms);
        Assert.Contains("認証", terms);
    }

    [Theory]
    [InlineData("コンピューター", "コンピュータ")]
    [InlineData("サーバー", "サーバ")]
    [InlineData("ブラウザー", "ブラウザ")]
    public void KatakanaLongVowelIsStemmedFromFourCharacters(string word, string stem)
    {
        Assert.Equal([stem], engines.MeCab.AnalyzeDocument("body.morph", word));
        Assert.Equal([stem], engines.Icu.AnalyzeDocument("body.morph", word));
    }

    [Fact]
    public void ShortKatakanaKeepsItsLongVowel() => Assert.Equal(["カー"], engines.MeCab.AnalyzeDocument("body.morph", "カー"));

    [Fact]
    public void ReadingsTurnKanjiAndKatakanaIntoHiraganaBigrams()
    {
        Assert.Equal(["にだ", "だん", "んか", "かい", "いに", "にん", "んし", "しょ", "ょう"], engines.MeCab.AnalyzeDocument("title.reading", "二段階認証"));
        Assert.Equal(engines.MeCab.AnalyzeDocument("title.reading", "二段階認証"), engines.MeCab.AnalyzeQuery("title.reading", "にだんかいにんしょう"));
        Assert.Equal(engines.MeCab.AnalyzeDocument("title.reading", "パスワード"), engines.MeCab.AnalyzeQuery("title.reading", "ぱすわーど"));
    }

    [Fact]
    public void BigramsIndexUnigramsTooButQueriesUseUnigramsOnlyForSingleCharacters()
    {
        var indexed = engines.MeCab.AnalyzeDocument("body.bigram", "手数料");
        Assert.Contains("手数", indexed);
        Assert.Contains("数料", indexed);
        Assert.Contains("手", indexed);
        Assert.Equal(["手数", "数料"], engines.MeCab.AnalyzeQuery("body.bigram", "手数料"));
        Assert.Equal(["税"], engines.MeCab.AnalyzeQuery("body.bigram", "税"));
    }

    [Fact]
    public void EnglishIsStemmedWithoutStopWords()
    {
        Assert.Equal(["withdraw", "fee"], engines.MeCab.AnalyzeDocument("body.en", "The withdrawal fees"));
        Assert.Equal(["password"], engines.MeCab.AnalyzeDocument("body.en", "Ｐａｓｓｗｏｒｄｓ"));
    }

    [Fact]
    public void ChineseIsSplitIntoWords()
    {
        var terms = engines.MeCab.AnalyzeDocument("body.zh", "忘记密码怎么办");
        Assert.Contains("密码", terms);
        Assert.Contains("忘记", terms);
    }

    [Fact]
    public void IcuFallbackSplitsJapaneseWordsWithoutParticles()
    {
        Assert.Equal("icu", engines.Icu.AnalyzerName);
        var terms = engines.Icu.AnalyzeDocument("body.morph", "パスワードを忘れました");
        Assert.Contains("パスワード", terms);
        Assert.DoesNotContain("を", terms);
    }

    [Fact]
    public void IcuFallbackReadingsFoldKatakanaToHiragana() =>
        Assert.Equal(engines.Icu.AnalyzeDocument("title.reading", "パスワード"), engines.Icu.AnalyzeQuery("title.reading", "ぱすわーど"));

    [Theory]
    [InlineData("二段階認証", "にだんかいにんしょう")]
    [InlineData("本人確認書類を提出する", "ほんにんかくにんしょるいをていしゅつする")]
    [InlineData("注文を取り消す", "ちゅうもんをとりけす")]
    public void IcuFallbackReadsKanjiWithTheLongestListedForm(string written, string kana)
    {
        Assert.Equal(engines.MeCab.AnalyzeDocument("title.reading", written), engines.Icu.AnalyzeDocument("title.reading", written));
        Assert.Equal(engines.Icu.AnalyzeDocument("title.reading", written), engines.Icu.AnalyzeQuery("title.reading", kana));
    }

    [Fact]
    public void IcuFallbackBreaksTheReadingAtKanjiItCannotRead()
    {
        // 𠮷 (U+20BB7) is in no list: the runs on either side are read, and no bigram spans it.
        var terms = engines.Icu.AnalyzeDocument("title.reading", "出金𠮷入金");

        Assert.Contains("しゅ", terms);
        Assert.Contains("にゅ", terms);
        Assert.DoesNotContain("んに", terms);
    }
}
