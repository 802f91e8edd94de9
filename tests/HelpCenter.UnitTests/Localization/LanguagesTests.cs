using System.Globalization;
using HelpCenter.Localization;

namespace HelpCenter.UnitTests.Localization;

public sealed class LanguagesTests
{
    [Theory]
    [InlineData("ja", "ja")]
    [InlineData("ja-JP", "ja")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("zh-Hans", "zh")]
    [InlineData("zh-CN", "zh")]
    [InlineData("zh-TW", "zh")]
    [InlineData("zh-HK", "zh")]
    [InlineData("zh-Hant", "zh")]
    [InlineData("fr-FR", "en")]
    [InlineData("ko", "en")]
    public void MapsCulturesToSiteLanguages(string culture, string expected) =>
        Assert.Equal(expected, Languages.FromCulture(new CultureInfo(culture)));

    [Theory]
    [InlineData("zh-TW", true)]
    [InlineData("zh-HK", true)]
    [InlineData("zh-Hant", true)]
    [InlineData("zh-CN", false)]
    [InlineData("zh-Hans", false)]
    [InlineData("ja-JP", false)]
    public void RecognisesTraditionalChinese(string culture, bool expected) =>
        Assert.Equal(expected, Languages.IsTraditionalChinese(new CultureInfo(culture)));

    [Fact]
    public void FormatsDatesTheWayEachLanguageWritesThem()
    {
        var date = new DateOnly(2026, 10, 5);
        Assert.Equal("2026年10月5日", LocalizationExtensions.FormatDate(date, "ja"));
        Assert.Equal("October 5, 2026", LocalizationExtensions.FormatDate(date, "en"));
        Assert.Equal("2026年10月5日", LocalizationExtensions.FormatDate(date, "zh"));
    }
}
