using HelpCenter.Contact;
using HelpCenter.Requests;

namespace HelpCenter.UnitTests.Contact;

public sealed class RequestContextTests
{
    [Theory]
    [InlineData("Asia/Tokyo", "Asia/Tokyo")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("UTC", "UTC")]
    [InlineData("<script>", null)]
    [InlineData("Asia/Tokyo\nInjected: yes", null)]
    [InlineData("", null)]
    public void OnlyWellFormedTimeZonesFromTheBrowserAreKept(string input, string? expected) =>
        Assert.Equal(expected, RequestContextBuilder.TimeZoneOrNull(input));

    [Fact]
    public void ContextRoundTripsAndGarbageReadsAsNothing()
    {
        var context = new RequestContext("/faq", "ja", "Chrome 131", "Windows", "ua", "Asia/Tokyo", ["出金"], ["ja/phishing"], ["a"], [], null);
        var back = RequestContext.Deserialize(RequestContext.Serialize(context))!;
        Assert.Equal(context.RecentSearches, back.RecentSearches);
        Assert.Equal("/faq", back.StartPage);
        Assert.Null(RequestContext.Deserialize("{not json"));
        Assert.Null(RequestContext.Deserialize(null));
    }
}
