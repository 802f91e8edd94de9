using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class JourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerBrowsesFromHomeToAnArticleReadsTheFaqSwitchesLanguageAndVotes()
    {
        var page = await browser.NewPageAsync("ja-JP");

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("どのようなことでお困りですか？");
        await BrowserFixture.ScreenshotAsync(page, "home-ja");

        await page.GetByRole(AriaRole.Link, new() { Name = "セキュリティ" }).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/ja/categories/security");
        await BrowserFixture.ScreenshotAsync(page, "category-ja");

        await page.GetByRole(AriaRole.Link, new() { Name = "二段階認証を設定する方法" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("二段階認証を設定する方法");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "目次" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "article-ja");

        // Table of contents jumps to the section.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "目次" }).GetByRole(AriaRole.Link, new() { Name = "設定手順" }).ClickAsync();
        Assert.EndsWith("#%E8%A8%AD%E5%AE%9A%E6%89%8B%E9%A0%86", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" }).GetByRole(AriaRole.Link, new() { Name = "よくある質問" }).ClickAsync();
        var firstQuestion = page.Locator("details.faq-item").First;
        await firstQuestion.Locator("summary").ClickAsync();
        await Assertions.Expect(firstQuestion).ToHaveAttributeAsync("open", "");
        await BrowserFixture.ScreenshotAsync(page, "faq-ja");

        await page.GotoAsync("/ja/articles/two-factor-setup");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/en/articles/two-factor-setup");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How to set up two-factor authentication");

        // One click records the vote (issue 14 item 23: the former choose-then-send form was two steps); the comment comes after.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for your feedback.");
        await page.GetByLabel("Comment (optional)").FillAsync("Clear steps, thanks.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send comment" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you for your feedback.");
        await Assertions.Expect(page.GetByLabel("Comment (optional)")).ToHaveValueAsync("Clear steps, thanks.");
        await BrowserFixture.ScreenshotAsync(page, "article-en-voted");

        // The choice is remembered: the home page now opens in English although the browser asks for Japanese.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How can we help you?");
    }

    [Fact]
    public async Task ChineseReaderSeesTheJapaneseFallbackWithANotice()
    {
        var page = await browser.NewPageAsync("zh-CN");

        await page.GotoAsync("/zh/articles/recovery-codes");

        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("本文暂无中文版本");
        await BrowserFixture.ScreenshotAsync(page, "article-zh-fallback");
    }

    [Fact]
    public async Task ArticleReadsWellOnAPhone()
    {
        var page = await browser.NewPageAsync("ja-JP", width: 390);

        await page.GotoAsync("/ja/articles/withdrawal-fees");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a 390 px wide screen");
        await BrowserFixture.ScreenshotAsync(page, "article-ja-phone");
    }
}
