using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class SearchTests(BrowserFixture browser)
{
    [Fact]
    public async Task TypingKanaShowsSuggestionsThatTheKeyboardCanChoose()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプ記事を検索" });

        // Typed key by key, as an IME user sees the kana before converting them.
        await box.PressSequentiallyAsync("にだんかい", new() { Delay = 40 });
        var listbox = page.GetByRole(AriaRole.Listbox);
        await Assertions.Expect(listbox).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(listbox.GetByRole(AriaRole.Option).First).ToHaveTextAsync("二段階認証を設定する方法");
        await BrowserFixture.ScreenshotAsync(page, "typeahead-ja");

        await box.PressAsync("ArrowDown");
        await Assertions.Expect(listbox.GetByRole(AriaRole.Option).First).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/ja/articles/two-factor-setup");
    }

    [Fact]
    public async Task EscapeClosesTheSuggestionsAndEnterSearches()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプ記事を検索" });

        await box.PressSequentiallyAsync("パスワード", new() { Delay = 30 });
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await box.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeHiddenAsync();
        await box.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("「パスワード」の検索結果");
        await Assertions.Expect(page.Locator(".result").First.Locator("mark").First).ToHaveTextAsync("パスワード");
        await BrowserFixture.ScreenshotAsync(page, "search-results-ja");
    }

    [Fact]
    public async Task ResultsCanBeFilteredByCategoryAndOpened()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("出金 手数料"));

        var facets = page.GetByRole(AriaRole.Navigation, new() { Name = "カテゴリで絞り込む" });
        await facets.GetByRole(AriaRole.Link).Nth(1).ClickAsync();
        await Assertions.Expect(facets.Locator("a[aria-current=true]")).ToHaveCountAsync(1);

        await page.Locator(".result a").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ja/articles/"));
    }

    [Fact]
    public async Task WithoutJavaScriptTheSearchBoxStillSearches()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl, JavaScriptEnabled = false, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search help articles" });
        await box.FillAsync("withdrawal fee");
        await box.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Results for “withdrawal fee”");
        await Assertions.Expect(page.Locator(".result")).Not.ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "search-results-en-nojs");
    }

    [Fact]
    public async Task NoResultsPageOffersHelp()
    {
        var page = await browser.NewPageAsync("zh-CN");
        await page.GotoAsync("/search?q=zzqqxx");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "没有找到相关文章" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "查看联系方式" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "search-no-results-zh");
    }
}
