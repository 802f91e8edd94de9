using Deque.AxeCore.Playwright;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>
/// The chat items of issue 14 walked in Chromium: availability before committing, Enter / Shift+Enter / IME
/// composition, the console's alerts, an operator who leaves without a word, and the customer ending the chat.
/// Screenshots at 1280x800 and 390x844.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatWalkthroughJourneyTests(BrowserFixture browser)
{
    private const string Question = "出金した円が口座に届きません";

    // Records desktop notifications and tones, and lets the test hide the tab: the browser's own APIs cannot be
    // observed from a test (headless Chromium shows no notifications and plays no sound).
    private const string AlertProbe = """
        window.__notifications = [];
        window.__tones = 0;
        window.__hidden = false;
        window.Notification = function (title, options) { window.__notifications.push(title); };
        // The browser remembers the operator's answer across reloads: so does the probe.
        Object.defineProperty(window.Notification, "permission", { get: () => localStorage.getItem("probe-notifications") || "default" });
        window.Notification.requestPermission = function () { localStorage.setItem("probe-notifications", "granted"); return Promise.resolve("granted"); };
        const Real = window.AudioContext;
        window.AudioContext = function () {
            const context = new Real();
            const create = context.createOscillator.bind(context);
            context.createOscillator = function () { const o = create(); const start = o.start.bind(o); o.start = function (...a) { window.__tones++; return start(...a); }; return o; };
            return context;
        };
        Object.defineProperty(document, "visibilityState", { get: () => window.__hidden ? "hidden" : "visible" });
        Object.defineProperty(document, "hidden", { get: () => window.__hidden });
        """;

    [Fact]
    public async Task TheCustomerSeesAvailabilityChatsWithEnterTheOperatorIsAlertedLeavesAndTheCustomerEndsTheChat()
    {
        await EveryoneOfflineAsync();
        var operatorEmail = await DevelopmentAccounts.NewStaffAsync(browser.Factory.Services, Roles.Agent, "佐藤 花子");

        // Nobody online: the channel page says so before the customer commits, with email first.
        var customer = await NewPageAsync(1280, 800);
        await customer.GotoAsync("/contact");
        await customer.GetByLabel("ご質問").FillAsync(Question);
        await customer.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        var chatCard = customer.Locator(".channel-cards > li", new() { Has = customer.GetByRole(AriaRole.Heading, new() { Name = "チャット", Exact = true }) });
        await Assertions.Expect(chatCard.Locator("[data-chat-availability]")).ToContainTextAsync("対応できるオペレーターがいません");
        await Assertions.Expect(customer.Locator(".channel-cards > li h2").First).Not.ToHaveTextAsync("チャット");
        await BrowserFixture.ScreenshotAsync(customer, "chat-channels-nobody-ja-1280");
        await AssertAccessibleAsync(customer);

        // The operator signs in, lands on the console, allows desktop notifications and goes online.
        var agent = await NewPageAsync(1280, 800, AlertProbe);
        await BrowserFixture.SignInAsStaffAsync(agent, operatorEmail);
        await Assertions.Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agent/chats$"));
        await agent.GetByRole(AriaRole.Button, new() { Name = "デスクトップ通知を有効にする" }).ClickAsync();
        await Assertions.Expect(agent.Locator("[data-alert-desktop-state]")).ToHaveTextAsync("デスクトップ通知はオンです。");
        await agent.GetByLabel("対応可能").CheckAsync();
        await agent.Locator("#hc-presence").GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(agent.GetByLabel("対応可能")).ToBeCheckedAsync();

        // Now the customer sees someone free before starting.
        await customer.ReloadAsync();
        await Assertions.Expect(chatCard.Locator("[data-chat-availability]")).ToContainTextAsync("対応可能なオペレーター 1 人");
        await BrowserFixture.ScreenshotAsync(customer, "chat-channels-available-ja-1280");
        await chatCard.GetByRole(AriaRole.Button, new() { Name = "チャットを始める" }).ClickAsync();
        var decline = customer.GetByRole(AriaRole.Button, new() { Name = "いいえ、オペレーターと話したい" });
        if (await decline.CountAsync() > 0)
        {
            await decline.ClickAsync();
        }

        // Assigned at once: the operator hears a tone, gets a notification and a panel.
        var reference = (await customer.Locator("h1 code").TextContentAsync())!;
        var panel = agent.Locator($".chat-panel[data-reference='{reference}']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(customer.Locator("#hc-chat-status")).ToContainTextAsync("佐藤 花子");
        Assert.Contains(await agent.EvaluateAsync<string[]>("window.__notifications"), n => n.Contains(reference, StringComparison.Ordinal));
        Assert.True(await agent.EvaluateAsync<int>("window.__tones") >= 1);

        // Enter sends; Shift+Enter is a new line; Enter while an IME composes never sends.
        var box = customer.GetByLabel("メッセージ");
        await Assertions.Expect(customer.Locator("[data-enter-hint]")).ToBeVisibleAsync();
        await box.FillAsync("一行目");
        await box.PressAsync("Shift+Enter");
        await box.PressSequentiallyAsync("二行目");
        await Assertions.Expect(box).ToHaveValueAsync("一行目\n二行目");
        await box.DispatchEventAsync("compositionstart");
        await box.EvaluateAsync("b => b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }))");
        await box.DispatchEventAsync("compositionend");
        // Safari ends the composition before the keydown of the confirming Enter, whose keyCode is then 229.
        await box.EvaluateAsync("b => { const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }); Object.defineProperty(e, 'keyCode', { get: () => 229 }); b.dispatchEvent(e); }");
        await Assertions.Expect(box).ToHaveValueAsync("一行目\n二行目");
        Assert.Equal(1, await customer.Locator(".chat-log li[data-kind=Customer]").CountAsync());

        // The operator's tab is in the background: the message alerts (title count, notification).
        await agent.EvaluateAsync("() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); }");
        var notificationsBefore = (await agent.EvaluateAsync<string[]>("window.__notifications")).Length;
        await box.PressAsync("Enter");
        await Assertions.Expect(box).ToHaveValueAsync("");
        await Assertions.Expect(panel.Locator(".chat-log")).ToContainTextAsync("二行目");
        await Assertions.Expect(agent).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "));
        Assert.Equal(notificationsBefore + 1, (await agent.EvaluateAsync<string[]>("window.__notifications")).Length);
        await agent.EvaluateAsync("() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); }");
        await Assertions.Expect(agent).Not.ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\("));

        // The operator answers with Enter too; with the sound switched off (remembered over a reload) no tone plays.
        var reply = panel.GetByLabel("チャットで返信（お客様の画面に表示）");
        await reply.FillAsync("確認いたします");
        await reply.PressAsync("Enter");
        await Assertions.Expect(customer.Locator(".chat-log")).ToContainTextAsync("確認いたします");
        await agent.GetByLabel("音で知らせる").UncheckAsync();
        await agent.ReloadAsync();
        await Assertions.Expect(agent.GetByLabel("音で知らせる")).Not.ToBeCheckedAsync();
        await agent.EvaluateAsync("() => { window.__hidden = true; document.dispatchEvent(new Event('visibilitychange')); }");
        await box.FillAsync("よろしくお願いします");
        await box.PressAsync("Enter");
        await Assertions.Expect(panel.Locator(".chat-log")).ToContainTextAsync("よろしくお願いします");
        await Assertions.Expect(agent).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"^\(1\) "));
        Assert.Equal(0, await agent.EvaluateAsync<int>("window.__tones"));
        await agent.EvaluateAsync("() => { window.__hidden = false; document.dispatchEvent(new Event('visibilitychange')); }");
        await BrowserFixture.ScreenshotAsync(agent, "chat-console-alerts-ja-1280");
        await AssertAccessibleAsync(agent);
        await BrowserFixture.ScreenshotAsync(customer, "chat-enter-ja-1280");
        await AssertAccessibleAsync(customer);

        // The operator's browser closes without a word; once the presence has expired the chat goes back to the
        // queue by itself and the customer sees it without reloading.
        await agent.Context.CloseAsync();
        await SilenceAsync(operatorEmail);
        await Assertions.Expect(customer.Locator("#hc-chat-status")).ToContainTextAsync("対応できるオペレーターがいません", new() { Timeout = 45_000 });
        await BrowserFixture.ScreenshotAsync(customer, "chat-operator-left-ja-1280");

        // The customer ends the chat and is offered the survey.
        await customer.GetByRole(AriaRole.Button, new() { Name = "チャットを終了する" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "ご利用ありがとうございました" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "chat-ended-survey-ja-1280");
        await AssertAccessibleAsync(customer);
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Reference == reference);
        Assert.Equal(ChatResolutions.CustomerEnded, stored.Resolution);
    }

    [Fact]
    public async Task OnAPhoneTheCustomerSeesAvailabilityChatsWithEnterAndEndsTheChat()
    {
        await EveryoneOfflineAsync();
        var customer = await NewPageAsync(390, 844);
        await customer.GotoAsync("/contact");
        await customer.GetByLabel("ご質問").FillAsync("二段階認証のコードが届きません");
        await customer.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        await Assertions.Expect(customer.Locator("[data-chat-availability]")).ToContainTextAsync("対応できるオペレーターがいません");
        await BrowserFixture.ScreenshotAsync(customer, "chat-channels-nobody-ja-390");
        await AssertAccessibleAsync(customer);

        await customer.GetByRole(AriaRole.Button, new() { Name = "チャットを始める" }).ClickAsync();
        var decline = customer.GetByRole(AriaRole.Button, new() { Name = "いいえ、オペレーターと話したい" });
        if (await decline.CountAsync() > 0)
        {
            await decline.ClickAsync();
        }

        var box = customer.GetByLabel("メッセージ");
        await box.FillAsync("確認をお願いします");
        await box.EvaluateAsync("b => b.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }))");
        await Assertions.Expect(box).ToHaveValueAsync("確認をお願いします");
        await box.PressAsync("Enter");
        await Assertions.Expect(customer.Locator(".chat-log li[data-kind=Customer]", new() { HasText = "確認をお願いします" })).ToHaveCountAsync(1);
        await Assertions.Expect(box).ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(customer, "chat-waiting-ja-390");
        await AssertAccessibleAsync(customer);

        await customer.GetByRole(AriaRole.Button, new() { Name = "チャットを終了する" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "ご利用ありがとうございました" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(customer, "chat-ended-survey-ja-390");
        await AssertAccessibleAsync(customer);
    }

    [Fact]
    public async Task OnAPhoneTheOperatorConsoleShowsTheAlertSwitches()
    {
        var email = await DevelopmentAccounts.NewStaffAsync(browser.Factory.Services, Roles.Agent, "小野");
        var agent = await NewPageAsync(390, 844, AlertProbe);
        await BrowserFixture.SignInAsStaffAsync(agent, email);
        await Assertions.Expect(agent).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agent/chats$"));
        await Assertions.Expect(agent.GetByLabel("音で知らせる")).ToBeCheckedAsync();
        await BrowserFixture.ScreenshotAsync(agent, "chat-console-ja-390");
        await AssertAccessibleAsync(agent);
    }

    private async Task<IPage> NewPageAsync(int width, int height, string? initScript = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            Locale = "ja-JP",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        if (initScript is not null)
        {
            await context.AddInitScriptAsync(initScript);
        }

        return await context.NewPageAsync();
    }

    /// <summary>The journeys start from "nobody is online, nothing waiting" whatever other tests on this site left behind.</summary>
    private async Task EveryoneOfflineAsync()
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        await db.AgentPresences.ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PresenceStatus.Offline));
        await db.Requests.Where(r => r.Channel == RequestChannel.Chat && r.Status != RequestStatus.Solved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RequestStatus.Solved).SetProperty(r => r.Resolution, "other"));
    }

    /// <summary>Time passes: the operator's last heartbeat is older than the presence timeout.</summary>
    private async Task SilenceAsync(string email)
    {
        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var id = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        var presence = await db.AgentPresences.SingleAsync(p => p.UserId == id);
        presence.LastSeenAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        await db.SaveChangesAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.Empty(results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }
}
