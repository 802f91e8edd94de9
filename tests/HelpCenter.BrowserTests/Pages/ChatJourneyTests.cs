using Deque.AxeCore.Playwright;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>A customer and an operator in two browser contexts, from the contact flow to the survey.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatJourneyTests(BrowserFixture browser)
{
    private const string OperatorBox = "チャットで返信（お客様の画面に表示）";

    [Fact]
    public async Task CustomerDeclinesTheArticlesWaitsIsClaimedGetsAnArticleLinkReloadsAnswersTheSurveyAndGetsTheTranscript()
    {
        var customer = await browser.NewPageAsync("ja-JP");
        await customer.GotoAsync("/contact");
        await customer.GetByLabel("ご質問").FillAsync("本人確認の書類が承認されません");
        await customer.GetByRole(AriaRole.Button, new() { Name = "まだ解決しない" }).ClickAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "チャットを始める" }).ClickAsync();

        // The question is the first message; articles are offered once before the queue.
        await Assertions.Expect(customer.Locator(".chat-log li").First).ToContainTextAsync("本人確認の書類が承認されません");
        var offer = customer.GetByRole(AriaRole.Region, new() { Name = "この記事で解決しませんか？" });
        await Assertions.Expect(offer.GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        var reference = (await customer.Locator("h1 code").TextContentAsync())!;
        await customer.GetByRole(AriaRole.Button, new() { Name = "いいえ、オペレーターと話したい" }).ClickAsync();
        await Assertions.Expect(customer.Locator("#hc-chat-status")).ToContainTextAsync("対応できるオペレーターがいません");
        await Assertions.Expect(customer.GetByRole(AriaRole.Region, new() { Name = "この記事で解決しませんか？" })).ToHaveCountAsync(0);

        // The operator opens the console (away by default), sees the waiting chat with its preview and takes it.
        var agent = await browser.NewPageAsync("ja-JP");
        await BrowserFixture.SignInAsStaffAsync(agent, "agent@example.com");
        await agent.GotoAsync("/agent/chats");
        var row = agent.Locator("#hc-chat-queue tr", new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync("本人確認の書類が承認されません");
        await row.GetByRole(AriaRole.Button, new() { Name = "対応する" }).ClickAsync();
        var panel = agent.Locator($"[data-reference='{reference}']");
        await Assertions.Expect(panel.Locator(".chat-log")).ToContainTextAsync("本人確認の書類が承認されません");
        await Assertions.Expect(customer.Locator("#hc-chat-status")).ToContainTextAsync("が対応しています");
        await Assertions.Expect(agent.Locator("#hc-chat-queue")).Not.ToContainTextAsync(reference);

        // The context travels with the chat.
        await panel.Locator(".chat-context summary").ClickAsync();
        await Assertions.Expect(panel.Locator(".chat-context")).ToContainTextAsync("サインインなし");

        // Canned reply, then an article link found from the panel.
        await panel.GetByLabel("定型文").SelectOptionAsync(new SelectOptionValue { Label = "ご挨拶" });
        await Assertions.Expect(panel.GetByLabel(OperatorBox)).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("お問い合わせありがとうございます"));
        await panel.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".chat-log")).ToContainTextAsync("お問い合わせありがとうございます");
        await panel.GetByLabel("記事を探してリンクを挿入").FillAsync("本人確認");
        await panel.Locator("[data-article-results] button").First.ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        var link = customer.Locator(".chat-log a[href*='/articles/']").First;
        await Assertions.Expect(link).ToBeVisibleAsync();
        Assert.Equal("noopener noreferrer nofollow", await link.GetAttributeAsync("rel"));

        // The customer answers; the operator reads it and the customer sees "read".
        await customer.GetByLabel("メッセージ").FillAsync("期限が切れていました。撮り直します");
        await customer.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".chat-log")).ToContainTextAsync("撮り直します");
        await Assertions.Expect(customer.Locator(".chat-log li", new() { HasText = "撮り直します" }).Locator(".receipt")).ToHaveTextAsync("既読");
        await BrowserFixture.ScreenshotAsync(agent, "agent-console-ja");
        await AssertAccessibleAsync(agent);
        await AssertAccessibleAsync(customer);

        // A note stays internal; a reload mid-chat loses neither messages nor the draft being typed.
        await panel.GetByLabel(OperatorBox).FillAsync("社内：書類の有効期限切れ");
        await panel.GetByRole(AriaRole.Button, new() { Name = "社内メモとして保存" }).ClickAsync();
        await Assertions.Expect(panel.Locator(".chat-log")).ToContainTextAsync("社内：書類の有効期限切れ");
        await customer.GetByLabel("メッセージ").FillAsync("書きかけのメッセージ");
        var before = await customer.Locator(".chat-log li").CountAsync();
        await customer.ReloadAsync();
        await Assertions.Expect(customer.Locator(".chat-log li")).ToHaveCountAsync(before);
        await Assertions.Expect(customer.GetByLabel("メッセージ")).ToHaveValueAsync("書きかけのメッセージ");
        await Assertions.Expect(customer.Locator(".chat-log")).Not.ToContainTextAsync("社内");
        await BrowserFixture.ScreenshotAsync(customer, "customer-chat-ja");
        var sequences = await customer.Locator(".chat-log li").EvaluateAllAsync<int[]>("items => items.map(li => Number(li.dataset.sequence))");
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Length, sequences.Distinct().Count());

        // The operator closes with a resolution; the customer is offered the survey at once.
        await panel.GetByLabel("解決区分").SelectOptionAsync("answered");
        await panel.GetByRole(AriaRole.Button, new() { Name = "チャットを終了する" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "ご利用ありがとうございました" })).ToBeVisibleAsync();
        await customer.GetByLabel("5", new() { Exact = true }).CheckAsync();
        await customer.Locator("fieldset", new() { HasText = "問題は解決しましたか" }).GetByLabel("はい").CheckAsync();
        await customer.Locator(".survey").GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();
        await Assertions.Expect(customer.Locator(".survey [role=status]")).ToBeVisibleAsync();

        // The transcript by mail, as the customer asks for it.
        var email = $"chat-{Guid.NewGuid():N}"[..16] + "@example.com";
        await customer.GetByText("チャットの記録をメールで受け取る").ClickAsync();
        await customer.Locator(".transcript-by-email").GetByLabel("メールアドレス").FillAsync(email);
        await customer.GetByRole(AriaRole.Button, new() { Name = "記録を送信" }).ClickAsync();
        await Assertions.Expect(customer.GetByRole(AriaRole.Status).Filter(new() { HasText = "メールでお送りしました" })).ToBeVisibleAsync();
        // Without an account the address is unverified: the mail carries the private link, the link the transcript.
        var mail = await browser.Factory.Smtp.WaitForMailAsync(email);
        Assert.DoesNotContain("撮り直します", mail.TextBody, StringComparison.Ordinal);
        await customer.GotoAsync(HelpCenter.IntegrationTests.Mail.SmtpServer.LinkIn(mail, "http://localhost/requests/")["http://localhost".Length..]);
        await Assertions.Expect(customer.Locator(".timeline")).ToContainTextAsync("撮り直します");
        await Assertions.Expect(customer.Locator("main")).Not.ToContainTextAsync("社内");

        await using var scope = browser.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Reference == reference);
        Assert.Equal((5, true, "answered"), (stored.SurveyRating, stored.SurveySolved, stored.Resolution));
    }

    /// <summary>axe-core on the live page (panels, queue, receipts included): nothing serious or critical.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.Empty(results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
    }
}
