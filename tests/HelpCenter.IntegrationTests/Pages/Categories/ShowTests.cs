namespace HelpCenter.IntegrationTests.Pages.Categories;

public sealed class ShowTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task CategoryListsItsArticlesInOrder()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/categories/security");

        Assert.Equal(200, page.Status);
        Assert.Equal("セキュリティ", page.Heading);
        var links = page.FindAll(".article-cards a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(11, links.Count);
        Assert.Equal("/ja/articles/password-reset", links[0]);
    }

    [Fact]
    public async Task EnglishCategoryMarksArticlesOnlyAvailableInJapanese()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient("en"), "/en/categories/security");

        Assert.Equal("Security", page.Heading);
        var cards = page.FindAll(".article-cards li");
        Assert.Contains(cards, c => c.QuerySelector(".badge") is null && c.QuerySelector("a")!.GetAttribute("href") == "/en/articles/two-factor-setup" && c.QuerySelector(".card-title")!.GetAttribute("lang") == "en");
        Assert.Contains(cards, c => c.QuerySelector(".badge")?.TextContent == "Japanese only" && c.QuerySelector(".card-title")!.GetAttribute("lang") == "ja");
    }

    [Fact]
    public async Task UnknownCategoryIsA404()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/categories/nothing-here");

        Assert.Equal(404, page.Status);
        Assert.Equal("ページが見つかりません", page.Heading);
    }
}
