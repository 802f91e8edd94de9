using HelpCenter.Contact;
using HelpCenter.Requests;

namespace HelpCenter.UnitTests.Contact;

public sealed class RequestContextTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17", "iOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge 131", "Windows")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome 131", "Android")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox 132", "macOS")]
    [InlineData("curl/8.5", "unknown", "unknown")]
    public void BrowserAndSystemAreReadFromTheUserAgent(string userAgent, string browser, string system)
    {
        Assert.Equal(browser, RequestContextBuilder.Browser(userAgent));
        Assert.Equal(system, RequestContextBuilder.OperatingSystem(userAgent));
    }

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
