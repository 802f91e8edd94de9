using System.Text;
using HelpCenter.Infrastructure;
using HelpCenter.Insights;
using Microsoft.Extensions.Options;

namespace HelpCenter.UnitTests.Insights;

public sealed class InsightsCalculationTests
{
    private static SiteClock ClockAt(DateTimeOffset utc) =>
        new(new Fixed(utc), Options.Create(new HelpCenterOptions { TimeZone = "Asia/Tokyo", TimeZoneLabel = "JST" }));

    [Fact]
    public void QueriesGroupByWidthCaseSpacesAndTrailingQuestionMarks()
    {
        Assert.Equal("パスワード", SearchInsights.Normalize("ﾊﾟｽﾜｰﾄﾞ？"));
        Assert.Equal("パスワード", SearchInsights.Normalize(" パスワード "));
        Assert.Equal("reset password", SearchInsights.Normalize("Reset   PASSWORD?"));
        Assert.Equal("?", SearchInsights.Normalize("?"));
    }

    [Fact]
    public void RangeStartsAtMidnightJapanTimeAndCountsTodayAsADay()
    {
        // 2026-11-29 16:00 UTC is 2026-11-30 01:00 in Japan: the last 7 days are 24 Nov to 30 Nov (JST).
        var clock = ClockAt(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero));
        var filter = InsightsFilter.Parse("7", "en");
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero), filter.From(clock));
        Assert.Equal(new DateOnly(2026, 11, 30), filter.DaysOf(clock)[^1]);
        Assert.Equal(7, filter.DaysOf(clock).Count);
        Assert.Equal("en", filter.Language);
    }

    [Theory]
    [InlineData("7", "ja", 7, "ja")]
    [InlineData("90", null, 90, null)]
    [InlineData("31", "fr", 30, null)]
    [InlineData("-7", "", 30, null)]
    [InlineData(null, "zh", 30, "zh")]
    public void UnknownFiltersFallBackToThirtyDaysAndEveryLanguage(string? days, string? language, int expectedDays, string? expectedLanguage)
    {
        var filter = InsightsFilter.Parse(days, language);
        Assert.Equal(expectedDays, filter.Days);
        Assert.Equal(expectedLanguage, filter.Language);
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var values = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }.Select(m => TimeSpan.FromMinutes(m)).ToList();
        Assert.Equal(TimeSpan.FromMinutes(5), SupportInsights.Percentile(values, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(9), SupportInsights.Percentile(values, 0.9));
        Assert.Equal(TimeSpan.FromMinutes(2), SupportInsights.Percentile([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)], 0.5));
        Assert.Equal(TimeSpan.FromMinutes(10), SupportInsights.Percentile([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)], 0.9));
    }

    [Fact]
    public void CsvQuotesSeparatorsAndDefusesFormulas()
    {
        var table = new InsightsTable("t", "T", ["Query", "Searches"], [["a,b", "3"], ["=HYPERLINK(\"x\")", "1"], ["改行\nあり", "2"]]);
        var bytes = Csv.Write(table);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("Query,Searches\r\n\"a,b\",3\r\n\"'=HYPERLINK(\"\"x\"\")\",1\r\n\"改行\nあり\",2\r\n", Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("'+1", Csv.Cell("+1"));
        Assert.Equal("'@SUM(A1)", Csv.Cell("@SUM(A1)"));
    }

    [Fact]
    public void ChartScaleIsOneTwoOrFiveTimesAPowerOfTen()
    {
        Assert.Equal(0, SvgChart.NiceCeiling(0));
        Assert.Equal(10, SvgChart.NiceCeiling(7));
        Assert.Equal(20, SvgChart.NiceCeiling(12));
        Assert.Equal(500, SvgChart.NiceCeiling(500));
        Assert.Equal(1000, SvgChart.NiceCeiling(501));
    }

    [Fact]
    public void ChartIsOneLabelledImageWithEscapedTextAndNoStyleAttributes()
    {
        var html = SvgChart.Bars("検索 <数>", [("11-01", 3), ("11-02", 0), ("<b>", 7)]).ToString()!;
        Assert.StartsWith("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"検索 &lt;数&gt;\"", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<rect ").Length - 1);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("<title>11-01: 3</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AxisLabelsTheScaleAndSaysZeroOnceWhenEverythingIsZero()
    {
        static List<string> Labels(string html) =>
            System.Text.RegularExpressions.Regex.Matches(html, "text-anchor=\"end\">([^<]*)<").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["0", "5", "10"], Labels(SvgChart.Bars("x", [("a", 3), ("b", 7)]).ToString()!));
        Assert.Equal(["0"], Labels(SvgChart.Bars("x", [("a", 0), ("b", 0)]).ToString()!));
        Assert.Equal(["0"], Labels(SvgChart.Bars("x", []).ToString()!));
    }

    [Fact]
    public void EntryPageDropsTheQueryString()
    {
        Assert.Equal("/ja/articles/fees", DeflectionReport.EntryPage("/ja/articles/fees?q=secret#x"));
        Assert.Equal("-", DeflectionReport.EntryPage(null));
    }

    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
