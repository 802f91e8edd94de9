using System.Net;

namespace HelpCenter.IntegrationTests.Pages;

public sealed class LanguageTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    private async Task<HttpResponseMessage> SwitchAsync(string from, string language, string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, from);
        return await page.SubmitAsync(client, "form.language-switcher", new Dictionary<string, string> { ["language"] = language, ["returnUrl"] = returnUrl });
    }

    [Fact]
    public async Task SwitchingOnAnArticleOpensTheSameArticleInTheOtherLanguage()
    {
        var response = await SwitchAsync("/ja/articles/password-reset", "en", "/ja/articles/password-reset");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/en/articles/password-reset", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Den", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task NeverRedirectsToAnotherSite(string returnUrl)
    {
        var response = await SwitchAsync("/", "en", returnUrl);

        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task UnknownLanguageIsRejected()
    {
        var response = await SwitchAsync("/", "fr", "/");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryTokenIsRejected()
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.PostAsync(new Uri("/language", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "en", ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.Contains("Culture", StringComparison.Ordinal)));
    }
}
