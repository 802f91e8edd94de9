using System.Diagnostics;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>Insights in Chromium: from a failed search to a synonym that finds the article, and axe-core on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InsightsJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task EditorAddsASynonymFromAFailedSearchAndTheCustomerThenFindsTheArticle()
    {
        const string query = "ぴよぴよ";
        var customer = await browser.NewPageAsync("ja-JP");
        await customer.GotoAsync("/search?q=" + Uri.EscapeDataString(query));
        await Assertions.Expect(customer.GetByText("該当する記事が見つかりませんでした")).ToBeVisibleAsync();

        var editor = await browser.NewPageAsync("ja-JP");
        await BrowserFixture.SignInAsStaffAsync(editor, "editor@example.com");

        // Searches are written in batches off the request path: the failed search shows up within a moment.
        var addSynonym = editor.Locator("#hc-table-no-result tr", new() { HasText = query }).GetByRole(AriaRole.Link, new() { Name = "同義語を追加" });
        var clock = Stopwatch.StartNew();
        do
        {
            await editor.GotoAsync("/insights/search?days=7");
        }
        while (await addSynonym.CountAsync() == 0 && clock.Elapsed < TimeSpan.FromSeconds(15));

        await Assertions.Expect(editor.Locator("#hc-table-no-result")).ToContainTextAsync(query);
        await BrowserFixture.ScreenshotAsync(editor, "insights-search-ja");
        await addSynonym.ClickAsync();

        // The synonym editor: the query tried against the rules in use, and a rule to complete at the end of the box.
        var rules = editor.GetByLabel("同義語のルール", new() { Exact = false });
        Assert.EndsWith(query + " => ", await rules.InputValueAsync(), StringComparison.Ordinal);
        await rules.FocusAsync();
        await rules.PressAsync("Control+End");
        await rules.PressSequentiallyAsync("出金手数料");
        await editor.GetByRole(AriaRole.Button, new() { Name = "試す" }).ClickAsync();
        await Assertions.Expect(editor.Locator(".try-results section").Nth(1).Locator("a[href='/ja/articles/withdrawal-fees']")).ToBeVisibleAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("同義語を保存しました。検索にすぐ反映されます。");

        await customer.GotoAsync("/search?q=" + Uri.EscapeDataString(query));
        await Assertions.Expect(customer.Locator("main a[href*='withdrawal-fees']").First).ToBeVisibleAsync();
    }

    /// <summary>One sign-in (each authenticator code is good once), then every insights page at desktop and phone width.</summary>
    [Fact]
    public async Task InsightsPagesHaveNoSeriousAccessibilityViolationsAndNoCspErrors()
    {
        var page = await browser.NewPageAsync("ja-JP");
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };

        await BrowserFixture.SignInAsStaffAsync(page, "admin@example.com");
        var serious = new List<string>();
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 800);
            foreach (var url in new[] { "/insights/search", "/insights/articles", "/insights/deflection", "/insights/support" })
            {
                await page.GotoAsync(url);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await BrowserFixture.ScreenshotAsync(page, $"insights-{url.Split('/')[^1]}-{width}-ja");
                var results = await page.RunAxe();
                serious.AddRange(results.Violations
                    .Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{url} {width}: {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
            }
        }

        Assert.Empty(serious);
        Assert.Empty(cspErrors);
    }
}
