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

    [Fact]
    public async Task TypeaheadMatchesEveryWordOfTwoInAnyOrder()
    {
        var page = await browser.NewPageAsync("ja-JP");
        await page.GotoAsync("/");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "ヘルプ記事を検索" });
        var listbox = page.GetByRole(AriaRole.Listbox);

        // The second word narrows the list to the titles having both; kana still being composed counts as typed.
        await box.PressSequentiallyAsync("反映 にゅうき", new() { Delay = 40 });
        await Assertions.Expect(listbox.GetByRole(AriaRole.Option).First).ToHaveTextAsync("日本円の入金が反映されません");
        await Assertions.Expect(listbox.GetByRole(AriaRole.Option, new() { Name = "日本円を入金する方法" })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(page, "typeahead-two-words-ja");

        await box.PressAsync("ArrowDown");
        await box.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/ja/articles/jpy-deposit-not-reflected");
    }

    [Fact]
    public async Task EnglishReadersFindJapaneseOnlyArticlesFromTheEnglishSite()
    {
        var page = await browser.NewPageAsync("en-US");
        await page.GotoAsync("/en/categories/trading");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search help articles" });

        await box.PressSequentiallyAsync("cancel ord", new() { Delay = 30 });
        var option = page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = "注文を取り消す方法 Japanese only" });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "typeahead-cross-language-en");

        await box.FillAsync("逆指値");
        await box.PressAsync("Escape");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Results for “逆指値”");
        var result = page.Locator(".result").Filter(new() { HasText = "逆指値注文の使い方" });
        await Assertions.Expect(result.Locator(".badge")).ToHaveTextAsync("Japanese only");
        await BrowserFixture.ScreenshotAsync(page, "search-cross-language-en");

        await result.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/en/articles/stop-order");
    }

    [Theory]
    [InlineData(1280, "desktop")]
    [InlineData(390, "phone")]
    public async Task NothingFoundSaysSoAndOffersClearlyLabelledReading(int width, string size)
    {
        var page = await browser.NewPageAsync("ja-JP", width);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("ステーキング 注文"));

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("0件の記事が見つかりました");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "該当する記事が見つかりませんでした" })).ToBeVisibleAsync();
        var mostRead = page.GetByRole(AriaRole.List, new() { Name = "「取引」でよく読まれている記事" });
        await Assertions.Expect(mostRead.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("次の記事は検索した言葉を含みませんが、よく読まれています。")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"search-nothing-found-ja-{size}");

        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("パスワート"));
        await page.GetByRole(AriaRole.Link, new() { Name = "パスワード", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("「パスワード」の検索結果");
    }
}
