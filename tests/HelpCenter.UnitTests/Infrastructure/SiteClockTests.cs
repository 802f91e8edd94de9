using HelpCenter.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpCenter.UnitTests.Infrastructure;

public sealed class SiteClockTests
{
    // 2026-11-29 16:30 UTC is 2026-11-30 01:30 in Tokyo and 2026-11-29 11:30 in New York.
    private static readonly DateTimeOffset Moment = new(2026, 11, 29, 16, 30, 0, TimeSpan.Zero);

    private static SiteClock Clock(string zone = "Asia/Tokyo", string label = "JST") =>
        new(new FixedTime(Moment), Options.Create(new HelpCenterOptions { TimeZone = zone, TimeZoneLabel = label }));

    [Fact]
    public void TheSiteDayIsTheDayInTheSiteZoneWhateverTheServerZone()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), Clock().Today);
        Assert.Equal(new DateOnly(2026, 11, 29), Clock("America/New_York").Today);
    }

    [Theory]
    [InlineData("ja", TimeFormat.DateTime, false, "2026-11-30 01:30")]
    [InlineData("ja", TimeFormat.MonthDayTime, true, "11月30日 01:30 JST")]
    [InlineData("zh", TimeFormat.MonthDayTime, false, "11月30日 01:30")]
    [InlineData("en", TimeFormat.DateTime, false, "30 Nov 2026 01:30")]
    [InlineData("en", TimeFormat.Date, false, "30 Nov 2026")]
    [InlineData("en", TimeFormat.Time, true, "01:30 JST")]
    [InlineData("ja", TimeFormat.DateTimeSeconds, false, "2026-11-30 01:30:00")]
    public void MomentsAreWrittenPerLanguageInTheSiteZone(string language, TimeFormat format, bool withZone, string expected) =>
        Assert.Equal(expected, Clock().Format(Moment, format, language, withZone));

    [Fact]
    public void AnotherZoneMovesEveryFormattedTime()
    {
        var clock = Clock("Europe/London", "UK");
        Assert.Equal("2026-11-29 16:30 UK", clock.Format(Moment, TimeFormat.DateTime, "ja", withZone: true));
    }

    [Fact]
    public void AWallClockTimeInTheSiteZoneNamesTheRightMoment() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), Clock().FromLocal(new DateTime(2026, 12, 1, 9, 0, 0)));

    [Fact]
    public void AnUnknownTimeZoneIsRejectedAtStartNamingTheSetting()
    {
        var result = new HelpCenterOptionsValidator().Validate(null, new HelpCenterOptions { TimeZone = "Mars/Olympus" });
        Assert.True(result.Failed);
        Assert.Contains("HelpCenter:TimeZone 'Mars/Olympus'", result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
