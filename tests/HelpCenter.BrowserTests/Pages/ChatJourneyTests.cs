using HelpCenter.Accounts;
using Microsoft.Playwright;
using OtpNet;

namespace HelpCenter.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class ChatJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerChatsWithAnOperatorReloadsMidChatAndLosesNothing()
    {
        var customer = await browser.NewPageAsync("ja-JP");
        await customer.GotoAsync("/contact");
        await customer.GetByLabel("ご質問").FillAsync("本人確認の書類が承認されません");
        await customer.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "チャットを始める" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".chat-log li").First).ToContainTextAsync("本人確認の書類が承認されません");
        var reference = (await customer.Locator("h1 code").TextContentAsync())!;

        var agent = await browser.NewPageAsync("ja-JP");
        await agent.GotoAsync("/account/login");
        await agent.GetByLabel("メールアドレス").FillAsync("agent@example.com");
        await agent.GetByLabel("パスワード", new() { Exact = true }).FillAsync(AccountSeeder.DevelopmentPassword);
        await agent.Locator("main").GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await agent.GetByLabel("認証コード（6桁）").FillAsync(new Totp(Base32Encoding.ToBytes(AccountSeeder.DevelopmentAuthenticatorKey)).ComputeTotp());
        await agent.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
        await agent.GotoAsync("/agent?channel=Chat");
        await agent.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(agent.Locator(".chat-log")).ToContainTextAsync("本人確認の書類が承認されません");

        await agent.GetByLabel("チャットで返信（お客様の画面に表示）").FillAsync("社内：書類の有効期限切れ");
        await agent.GetByRole(AriaRole.Button, new() { Name = "社内メモとして保存" }).ClickAsync();
        await agent.GetByLabel("チャットで返信（お客様の画面に表示）").FillAsync("書類の有効期限をご確認いただけますか？");
        await agent.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".chat-log")).ToContainTextAsync("書類の有効期限をご確認いただけますか？");

        await customer.GetByLabel("メッセージ").FillAsync("期限が切れていました。撮り直します");
        await customer.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(agent.Locator(".chat-log")).ToContainTextAsync("撮り直します");
        await BrowserFixture.ScreenshotAsync(agent, "agent-chat-ja");

        await customer.ReloadAsync();
        await Assertions.Expect(customer.Locator(".chat-log li")).ToHaveCountAsync(3);
        await Assertions.Expect(customer.Locator(".chat-log")).Not.ToContainTextAsync("社内");
        await BrowserFixture.ScreenshotAsync(customer, "customer-chat-ja");

        await agent.GetByLabel("チャットで返信（お客様の画面に表示）").FillAsync("ありがとうございます。再提出をお待ちしています");
        await agent.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".chat-log li")).ToHaveCountAsync(4);
        var sequences = await customer.Locator(".chat-log li").EvaluateAllAsync<int[]>("items => items.map(li => Number(li.dataset.sequence))");
        Assert.Equal([1, 3, 4, 5], sequences);
    }
}
