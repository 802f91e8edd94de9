using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using Microsoft.Extensions.Options;

namespace HelpCenter.UnitTests.Contact;

public sealed class ChannelHoursTests
{
    private static readonly ContactOptions Options = new()
    {
        Holidays = ["2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03", "2026-11-23"],
    };

    private static ChannelHours Hours(ContactOptions? options = null) => new(Microsoft.Extensions.Options.Options.Create(options ?? Options), Clock(TimeProvider.System));

    private static SiteClock Clock(TimeProvider time) => new(time, Microsoft.Extensions.Options.Options.Create(new HelpCenterOptions()));

    private static DateTimeOffset Tokyo(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(9));

    [Theory]
    [InlineData(9, 59, false)]
    [InlineData(10, 0, true)]
    [InlineData(17, 59, true)]
    [InlineData(18, 0, false)]
    public void PhoneIsOpenFromTenToSixTokyoTimeOnWeekdays(int hour, int minute, bool open) =>
        Assert.Equal(open, Hours().Status(RequestChannel.Phone, Tokyo(2026, 11, 27, hour, minute)).IsOpen);

    [Fact]
    public void TheBoundaryIsTokyoTimeWhateverTheServerZone()
    {
        // 01:00 UTC on a Friday is 10:00 in Tokyo.
        Assert.True(Hours().Status(RequestChannel.Phone, new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero)).IsOpen);
        Assert.False(Hours().Status(RequestChannel.Phone, new DateTimeOffset(2026, 11, 27, 0, 59, 0, TimeSpan.Zero)).IsOpen);
    }

    [Fact]
    public void FridayEveningOpensAgainOnMondayMorning()
    {
        var status = Hours().Status(RequestChannel.Callback, Tokyo(2026, 11, 27, 18, 30));
        Assert.False(status.IsOpen);
        Assert.Equal(Tokyo(2026, 11, 30, 10, 0), status.NextOpening);
    }

    [Fact]
    public void HolidaysAreSkippedWhenLookingForTheNextOpening()
    {
        Assert.False(Hours().Status(RequestChannel.Phone, Tokyo(2026, 11, 23, 12, 0)).IsOpen);
        Assert.Equal(Tokyo(2027, 1, 4, 10, 0), Hours().Status(RequestChannel.Phone, Tokyo(2026, 12, 30, 19, 0)).NextOpening);
    }

    [Fact]
    public void BeforeOpeningTheNextOpeningIsTheSameDay() =>
        Assert.Equal(Tokyo(2026, 11, 27, 10, 0), Hours().Status(RequestChannel.Phone, Tokyo(2026, 11, 27, 7, 0)).NextOpening);

    [Fact]
    public void ChatIsOpenAroundTheClockAndOnHolidays()
    {
        Assert.True(Hours().Status(RequestChannel.Chat, Tokyo(2027, 1, 1, 3, 0)).IsOpen);
        Assert.Null(Hours().Status(RequestChannel.Chat, Tokyo(2027, 1, 1, 3, 0)).NextOpening);
    }

    [Fact]
    public void DisabledChannelIsNeitherEnabledNorOpen()
    {
        var options = new ContactOptions { Callback = new ChannelSchedule { Enabled = false } };
        var status = Hours(options).Status(RequestChannel.Callback, Tokyo(2026, 11, 27, 12, 0));
        Assert.False(status.Enabled);
        Assert.False(status.IsOpen);
    }

    [Fact]
    public void StatusWithoutATimeUsesTheClock()
    {
        var clock = new FixedClock(Tokyo(2026, 11, 28, 12, 0)); // a Saturday
        Assert.False(new ChannelHours(Microsoft.Extensions.Options.Options.Create(Options), Clock(clock)).Status(RequestChannel.Phone).IsOpen);
    }

    [Fact]
    public void InvalidSettingsAreRejectedNamingTheSetting()
    {
        var options = new ContactOptions { Holidays = ["2026-13-01"], Phone = new ChannelSchedule { Opens = "25:00" } };
        var result = new ContactOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("2026-13-01", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("HelpCenter:Contact:Phone", result.FailureMessage, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    [Theory]
    [InlineData(11, 0, "morning", 27)] // Friday, during the morning window: today
    [InlineData(12, 30, "morning", 30)] // Friday after the morning window: Monday
    [InlineData(12, 30, "evening", 27)]
    [InlineData(18, 30, "any", 30)]
    [InlineData(7, 0, "any", 27)]
    public void ACallbackIsMadeOnTheFirstWorkingDayWhoseWindowHasNotEnded(int hour, int minute, string window, int day)
    {
        var slot = Hours().CallbackSlot(Tokyo(2026, 11, 27, hour, minute), window)!;
        Assert.Equal(new DateOnly(2026, 11, day), slot.Day);
        Assert.Equal(ChannelHours.CallbackWindows[window]?.From ?? new TimeOnly(10, 0), slot.From);
    }

    [Fact]
    public void ACallbackDayIsJapanTimeAndSkipsHolidays()
    {
        // 22:00 UTC on Sunday 22 Nov is 07:00 on Monday 23 Nov in Tokyo, a holiday: the call is on Tuesday.
        Assert.Equal(new DateOnly(2026, 11, 24), Hours().CallbackSlot(new DateTimeOffset(2026, 11, 22, 22, 0, 0, TimeSpan.Zero), "afternoon")!.Day);
        Assert.Equal((new TimeOnly(13, 0), new TimeOnly(15, 0)), (Hours().CallbackSlot(Tokyo(2026, 11, 24, 9, 0), "afternoon")!.From, Hours().CallbackSlot(Tokyo(2026, 11, 24, 9, 0), "afternoon")!.To));
    }
}
