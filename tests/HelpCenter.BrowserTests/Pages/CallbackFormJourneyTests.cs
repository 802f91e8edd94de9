using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>
/// Issue 14, item 13: a callback request whose phone number is wrong comes back with the screenshot still attached
/// (listed with its size, removable), and once corrected the confirmation says the window and the day in Japan time.
/// Screenshots at 1280x800 and 390x844, in Japanese.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CallbackFormJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task AScreenshotSurvivesAWrongPhoneNumberAndTheConfirmationSaysTheDay(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = "ja-JP",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var cspErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };
        await page.GotoAsync("/contact");
        await page.GetByLabel("ご質問").FillAsync("出金ボタンを押すとエラー画面になります");
        await page.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "折り返し電話を依頼する" }).ClickAsync();

        await page.GetByLabel("メールアドレス").FillAsync($"cb{Guid.NewGuid():N}"[..12] + "@example.com");
        await page.GetByLabel("電話番号").FillAsync("12345");
        await page.GetByLabel("ご希望の時間帯").SelectOptionAsync("afternoon");
        await page.GetByLabel("お客様ID（任意）").FillAsync("12345678");
        await page.GetByLabel("スクリーンショット（任意）").SetInputFilesAsync(new FilePayload { Name = "出金エラー.png", MimeType = "image/png", Buffer = Png() });
        await page.GetByRole(AriaRole.Button, new() { Name = "折り返しを依頼する" }).ClickAsync();

        // Sent back for the phone number: everything typed and the screenshot are still there.
        await Assertions.Expect(page.Locator("#Input_Phone-error")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator(".attached-screenshots")).ToContainTextAsync("添付済み：出金エラー.png");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "取り除く" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("お客様ID（任意）")).ToHaveValueAsync("12345678");
        await page.Locator(".attached-screenshots").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"callback-kept-screenshot-ja-{width}.png") });
        Assert.Empty(await SeriousViolationsAsync(page));

        await page.GetByLabel("電話番号").FillAsync("090-1234-5678");
        await page.GetByRole(AriaRole.Button, new() { Name = "折り返しを依頼する" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("受け付けました");
        await Assertions.Expect(page.Locator(".callback-summary .callback-window")).ToHaveTextAsync("午後（13:00〜15:00）");
        await Assertions.Expect(page.Locator(".callback-summary .callback-when time")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^\d{4}年\d{1,2}月\d{1,2}日（.）\s13:00〜15:00（JST）にお電話します。$"));
        await BrowserFixture.ScreenshotAsync(page, $"callback-confirmation-ja-{width}");
        Assert.Empty(await SeriousViolationsAsync(page));
        Assert.Empty(cspErrors);
        await context.CloseAsync();
    }

    private static async Task<List<string>> SeriousViolationsAsync(IPage page) =>
        (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(320, 200);
        bitmap.Erase(SkiaSharp.SKColors.LightSteelBlue);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }
}
