namespace HelpCenter.IntegrationTests.Pages;

public sealed class IndexTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Theory]
    [InlineData("ja", "ja", "どのようなことでお困りですか？")]
    [InlineData("en-US,en;q=0.9", "en", "How can we help you?")]
    [InlineData("zh-CN,zh;q=0.9", "zh-Hans", "有什么可以帮您？")]
    [InlineData("zh-TW,zh;q=0.9", "zh-Hans", "有什么可以帮您？")]
    [InlineData("zh-HK", "zh-Hans", "有什么可以帮您？")]
    [InlineData("zh-Hant", "zh-Hans", "有什么可以帮您？")]
    [InlineData("fr-FR", "en", "How can we help you?")]
    [InlineData("ko-KR,ko;q=0.9", "en", "How can we help you?")]
    public async Task FirstVisitFollowsAcceptLanguage(string acceptLanguage, string htmlLang, string heading)
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(acceptLanguage), "/");

        Assert.Equal(200, page.Status);
        Assert.Equal(htmlLang, page.Language);
        Assert.Equal(heading, page.Heading);
    }

    [Theory]
    [InlineData("zh-TW,zh;q=0.9", true)]
    [InlineData("zh-HK", true)]
    [InlineData("zh-CN,zh;q=0.9", false)]
    public async Task TraditionalChineseReadersAreToldTheContentIsSimplified(string acceptLanguage, bool noted)
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(acceptLanguage), "/");

        var note = page.Find("main .notice[lang=zh-Hant]");
        Assert.Equal(noted, note is not null);
        if (noted)
        {
            Assert.Contains("簡體中文", note!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SimplifiedNoteIsNotSharedThroughThePageCache()
    {
        // The home page is cached for anonymous visitors: a Simplified reader's copy must not reach a Traditional reader,
        // nor the other way round.
        foreach (var (acceptLanguage, noted) in new[] { ("zh-CN,zh;q=0.9", false), ("zh-TW,zh;q=0.9", true), ("zh-CN,zh;q=0.9", false), ("zh-TW,zh;q=0.9", true) })
        {
            var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(acceptLanguage), "/");
            Assert.Equal(noted, page.Find("main .notice[lang=zh-Hant]") is not null);
        }
    }

    [Fact]
    public async Task HomeHasSearchCategoriesFaqAndContact()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/");

        Assert.NotNull(page.Find("form[role=search] input[name=q]"));
        var tiles = page.FindAll(".tile a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/ja/categories/trading", "/ja/categories/account", "/ja/categories/security", "/ja/categories/troubleshooting", "/ja/categories/other"], tiles);
        Assert.Equal(8, page.FindAll("#hc-faq-title + ul li").Count);
        Assert.NotNull(page.Find(".contact-box a[href='/contact']"));
    }

    [Fact]
    public async Task ChosenLanguageIsRememberedOverAcceptLanguage()
    {
        var client = factory.CreateBrowserLikeClient("ja");
        var home = await HtmlPage.GetAsync(client, "/");

        var switched = await home.SubmitAsync(client, "form.language-switcher", new Dictionary<string, string> { ["language"] = "zh" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);

        var again = await HtmlPage.GetAsync(client, "/");
        Assert.Equal("zh-Hans", again.Language);
        Assert.Contains("常见问题", again.Html, StringComparison.Ordinal);
    }
}
