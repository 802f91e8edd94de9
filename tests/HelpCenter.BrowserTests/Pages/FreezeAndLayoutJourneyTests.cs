using Deque.AxeCore.Playwright;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>Issue 14: the freeze journey (items 15-17), the phone menu (20), the chat launcher's place (21) and
/// keyboard focus on the chat page (22), at 1280x800 and 390x844.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FreezeAndLayoutJourneyTests(BrowserFixture browser)
{
    private const string Password = "sakura mochi kinako";

    [Fact]
    public async Task NotMeLinkFreezesSignedOutAndTheIntrudersSessionEndsAtItsNextClick()
    {
        var email = $"n{Guid.NewGuid():N}"[..12] + "@example.com";
        var owner = await NewPageAsync(1280, 800);
        await owner.GotoAsync("/account/register");
        await owner.GetByLabel("メールアドレス").FillAsync(email);
        await owner.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Password);
        await owner.GetByLabel("パスワード（確認）").FillAsync(Password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "アカウントを作成する" }).ClickAsync();
        var confirm = await browser.Factory.Smtp.WaitForMailAsync(email);
        await owner.GotoAsync(PathOf(SmtpServer.LinkIn(confirm, "http://localhost/account/confirm-email")));
        await owner.GotoAsync("/account/login");
        await SignInAsync(owner, email);
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("アカウント設定");
        await owner.Context.ClearCookiesAsync(new() { Name = AccountsExtensions.AuthCookieName });

        // The intruder signs in on a phone: a new browser, so the owner gets a mail.
        var intruder = await NewPageAsync(390, 844);
        await intruder.GotoAsync("/account/login");
        await SignInAsync(intruder, email);
        await Assertions.Expect(intruder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("アカウント設定");
        var notice = await browser.Factory.Smtp.WaitForMailAsync(email, "新しいブラウザ");

        // The owner is signed out; the mail's link freezes by itself.
        var link = PathOf(SmtpServer.LinkIn(notice, "http://localhost/account/not-me"));
        await owner.GotoAsync(link);
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("心当たりのないサインイン");
        await AssertAccessibleAsync(owner);
        await BrowserFixture.ScreenshotAsync(owner, "not-me-ja-1280");
        var phoneOwner = await NewPageAsync(390, 844);
        await phoneOwner.GotoAsync(link);
        await BrowserFixture.ScreenshotAsync(phoneOwner, "not-me-ja-390");
        await phoneOwner.Context.CloseAsync();

        await owner.GetByRole(AriaRole.Button, new() { Name = "ヘルプセンターのアカウントを凍結する" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ご報告を受け付けました");
        await Assertions.Expect(owner.Locator("main")).ToContainTextAsync("取引所のアカウント（取引・入出金）はこれとは別のアカウント");
        await Assertions.Expect(owner.Locator(".reference")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^HC-\d{8}-\d{4}$"));
        await AssertAccessibleAsync(owner);
        await BrowserFixture.ScreenshotAsync(owner, "not-me-done-ja-1280");
        await owner.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(owner, "not-me-done-ja-390");

        // The intruder's next click, at once: the session is gone (no minute of grace).
        await intruder.GetByRole(AriaRole.Link, new() { Name = "サインイン履歴" }).First.ClickAsync();
        await Assertions.Expect(intruder).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await BrowserFixture.ScreenshotAsync(intruder, "not-me-intruder-signed-out-ja-390");
    }

    [Fact]
    public async Task SignedInPhoneLayoutFoldsTheMenuBehindAMenuButtonWithoutBreakingWords()
    {
        var cspErrors = new List<string>();
        var page = await NewPageAsync(390, 844);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspErrors.Add(message.Text);
            }
        };
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync("customer@example.com");
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(AccountSeeder.DevelopmentPassword);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.GotoAsync("/");

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "メニュー" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "メインメニュー" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "よくある質問" })).ToBeHiddenAsync();
        var headerHeight = await page.Locator(".site-header").EvaluateAsync<double>("e => e.getBoundingClientRect().height");
        Assert.True(headerHeight < 120, $"header {headerHeight}px high");
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "phone-menu-closed-ja-390");

        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "よくある質問" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "お問い合わせ履歴" })).ToBeVisibleAsync();

        // Every menu item is one line: よく/ある/質問 over three lines was the bug.
        var lines = await nav.Locator("li").EvaluateAllAsync<double[]>(
            "items => items.map(li => { const r = li.firstElementChild.getClientRects(); return r.length; })");
        Assert.All(lines, count => Assert.Equal(1, count));
        var heights = await nav.Locator("a, button").EvaluateAllAsync<double[]>(
            "els => els.map(e => { const s = getComputedStyle(e); return e.getBoundingClientRect().height / parseFloat(s.lineHeight || '24'); })");
        Assert.All(heights, h => Assert.True(h < 2.6, $"a menu item is {h} lines high"));
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "phone-menu-open-ja-390");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");

        // Wide screens: no button, the menu in a row.
        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "よくある質問" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "menu-ja-1280");
        Assert.Empty(cspErrors);
    }

    [Theory]
    [InlineData(1280, 800, ".related a")]
    [InlineData(390, 844, ".site-footer p")]
    public async Task ChatLauncherCoversNeitherRelatedArticlesNorTheFooter(int width, int height, string covered)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/ja/articles/account-frozen");
        await page.EvaluateAsync("() => window.scrollTo(0, document.body.scrollHeight)");
        await page.WaitForTimeoutAsync(200);
        var overlaps = await page.EvaluateAsync<string[]>(
            """
            selector => {
              const b = document.querySelector('.chat-launcher').getBoundingClientRect();
              return [...document.querySelectorAll(selector)].filter(e => {
                const r = e.getBoundingClientRect();
                return r.width > 0 && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
              }).map(e => e.textContent.trim());
            }
            """, covered);
        Assert.Empty(overlaps);
        Assert.True(await page.Locator(covered).CountAsync() > 0, $"no {covered} on the page");
        await BrowserFixture.ScreenshotAsync(page, $"launcher-end-of-page-ja-{width}");
    }

    [Fact]
    public async Task ChatPageStartsInTheMessageBoxAndTheLauncherIsAnEarlyTabStop()
    {
        var page = await NewPageAsync(1280, 800);
        await page.GotoAsync("/ja/articles/account-frozen");
        var stops = 0;
        for (; stops < 15; stops++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('chat-launcher')"))
            {
                break;
            }
        }

        Assert.True(stops < 12, $"the launcher is Tab stop {stops + 1}");

        await page.GotoAsync("/contact");
        await page.GetByLabel("ご質問").FillAsync("本人確認の書類が承認されません");
        await page.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "チャットを始める" }).ClickAsync();
        var box = page.GetByLabel("メッセージ");
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "いいえ、オペレーターと話したい" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "この記事で解決しませんか？" })).ToHaveCountAsync(0);
        await Assertions.Expect(box).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("書類の写真を送りました");
        Assert.Equal("書類の写真を送りました", await box.InputValueAsync());
        await AssertAccessibleAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "chat-focus-ja-1280");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "chat-focus-ja-390");
    }

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = "ja-JP",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(Password);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.Empty(results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }

    private static string PathOf(string link) => new Uri(link).PathAndQuery;
}
