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
    [InlineData("fr-FR", "ja")]
    public void MapsCulturesToSiteLanguages(string culture, string expected) =>
        Assert.Equal(expected, Languages.FromCulture(new CultureInfo(culture)));

    [Fact]
    public void FormatsDatesTheWayEachLanguageWritesThem()
    {
        var date = new DateOnly(2026, 10, 5);
        Assert.Equal("2026年10月5日", LocalizationExtensions.FormatDate(date, "ja"));
        Assert.Equal("October 5, 2026", LocalizationExtensions.FormatDate(date, "en"));
        Assert.Equal("2026年10月5日", LocalizationExtensions.FormatDate(date, "zh"));
    }
}
