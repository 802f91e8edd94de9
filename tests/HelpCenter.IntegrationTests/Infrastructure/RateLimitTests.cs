using System.Net;

namespace HelpCenter.IntegrationTests.Infrastructure;

public sealed class StrictRateLimitFactory : HelpCenterFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["HelpCenter:RateLimits:PublicFormPermits"] = "3",
        ["HelpCenter:RateLimits:PublicFormWindowSeconds"] = "600",
    };
}

public sealed class RateLimitTests(StrictRateLimitFactory factory) : IClassFixture<StrictRateLimitFactory>
{
    [Fact]
    public async Task PublicFormAnswers429WithAFriendlyPageAfterTheLimit()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/ja/articles/trading-fees");
        var vote = new Dictionary<string, string> { ["Input.Helpful"] = "true" };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await page.SubmitAsync(client, "form.feedback-form", vote)).StatusCode);
        }

        var limited = await HtmlPage.ParseAsync(await page.SubmitAsync(client, "form.feedback-form", vote));
        Assert.Equal(429, limited.Status);
        Assert.Equal("しばらくお待ちください", limited.Heading);
        Assert.Equal(200, (await HtmlPage.GetAsync(client, "/ja/articles/trading-fees")).Status);
    }
}
