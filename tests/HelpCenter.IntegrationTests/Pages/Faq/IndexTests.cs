namespace HelpCenter.IntegrationTests.Pages.Faq;

public sealed class IndexTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task FaqGroupsExpandableAnswersByCategory()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/faq");

        Assert.Equal(200, page.Status);
        var groups = page.FindAll(".faq-group > h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["取引", "口座・入出金・本人確認", "セキュリティ", "技術的な問題", "その他"], groups);
        var items = page.FindAll("details.faq-item");
        Assert.True(items.Count >= 10);
        Assert.All(items, d => Assert.NotNull(d.QuerySelector("summary")));
        Assert.All(items, d => Assert.NotNull(d.QuerySelector(".faq-answer .article-body p")));
    }

    [Fact]
    public async Task ChineseFaqShowsTranslationsAndJapaneseFallbacks()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient("zh-CN"), "/faq");

        Assert.Equal("常见问题", page.Heading);
        var languages = page.FindAll("details.faq-item").Select(d => d.GetAttribute("lang")).Distinct().ToList();
        Assert.Contains("zh-Hans", languages);
    }
}
