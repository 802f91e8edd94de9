using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Findings 7 and 12: who may read and write a conversation, and how fast.</summary>
public sealed class ChatAccessTests(MailFactory factory) : IClassFixture<MailFactory>
{
    public static readonly TheoryData<string> SessionEnds = new() { "logout", "sign out everywhere", "freeze" };

    [Theory]
    [MemberData(nameof(SessionEnds))]
    public async Task CopiedChatCookieOfASignedInCustomerIsUselessOnceTheSessionEnds(string how)
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var (reference, _) = await SecurityKit.StartChatAsync(customer.Http, "出金について相談したい");
        Assert.Equal(HttpStatusCode.OK, (await customer.Http.GetAsync(new Uri($"/chat/{reference}", UriKind.Relative))).StatusCode);

        // Someone copies every cookie of the customer's browser (a shared computer, a stolen profile).
        var stolen = SecurityKit.Copy(factory, customer.Cookies);

        switch (how)
        {
            case "logout":
                await customer.PostFormAsync("/account/logout", "main form", new Dictionary<string, string>());
                break;
            case "sign out everywhere":
                await customer.PostFormAsync("/account/manage/history", "form[action*=SignOutEverywhere]", new Dictionary<string, string>());
                break;
            default:
                await using (var scope = factory.Services.CreateAsyncScope())
                {
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
                    await scope.ServiceProvider.GetRequiredService<AccountSecurity>().FreezeAsync((await users.FindByEmailAsync(email))!, "test");
                }

                break;
        }

        var thief = factory.CreateBrowserLikeClient("ja", stolen);
        Assert.Equal(HttpStatusCode.NotFound, (await thief.GetAsync(new Uri($"/chat/{reference}", UriKind.Relative))).StatusCode);
        await using var hub = await ChatTestKit.ConnectAsync(factory, stolen.GetCookieHeader(factory.Server.BaseAddress));
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<ChatMessage>>("Join", reference, 0));
        Assert.Contains("not-found", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndedChatIsReadOnlyAndItsConversationNeedsTheAccountOrThePrivateLink()
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, "秘密の相談です");
        var cookies = new CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        var browser = factory.CreateBrowserLikeClient("ja", cookies);
        await using var hub = await ChatTestKit.ConnectAsync(factory, cookie);
        await hub.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await hub.InvokeAsync<ChatMessage>("Send", reference, "secret-0001", "口座番号は LX12345678 です");
        var open = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        await SecurityKit.EndChatAsync(factory, reference);
        var ended = await SecurityKit.RequestAsync(factory, reference);

        // The browser that held the chat still gets its end page (survey, transcript by link), not the conversation.
        var page = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        Assert.Equal(200, page.Status);
        Assert.DoesNotContain("LX12345678", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("秘密の相談です", page.Html, StringComparison.Ordinal);
        Assert.Contains("not-found", (await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ChatMessage>("Send", reference, "after-end-01", "まだ送れる？"));

        // Nothing the old page offered changes the ended chat.
        await open.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "終了後のメッセージ" });
        await open.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["language"] = "en" }, action: $"/chat/{reference}?handler=Language");
        await open.SubmitAsync(browser, ".chat-form", new Dictionary<string, string>(), action: $"/chat/{reference}?handler=Queue");
        await open.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["Continue.Email"] = AccountClient.NewEmail() }, action: $"/chat/{reference}?handler=Email");
        var after = await SecurityKit.RequestAsync(factory, reference);
        Assert.Equal((ended.Status, ended.Channel, ended.Language, ended.Email, ended.QueuedAt, ended.Messages.Count),
            (after.Status, after.Channel, after.Language, after.Email, after.QueuedAt, after.Messages.Count));

        // The private link (mailed on request) shows the conversation, and cannot reopen it either.
        var email = AccountClient.NewEmail();
        await page.SubmitAsync(browser, "form[action*=Transcript]", new Dictionary<string, string> { ["Transcript.Email"] = email });
        var link = Mail.SmtpServer.LinkIn(await factory.Smtp.WaitForMailAsync(email), "http://localhost/requests/")["http://localhost".Length..];
        var stranger = factory.CreateBrowserLikeClient();
        var transcript = await HtmlPage.GetAsync(stranger, link);
        Assert.Contains("LX12345678", transcript.Find(".timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Null(transcript.Find("main form textarea"));
        await transcript.SubmitAsync(stranger, "form.language-switcher", new Dictionary<string, string> { ["Input.Body"] = "リンクから再開" }, action: link);
        Assert.Equal(after.Messages.Count, (await SecurityKit.RequestAsync(factory, reference)).Messages.Count);
    }

    [Fact]
    public async Task NewConnectionsDoNotResetTheChatFloodLimit()
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, "連投テスト");
        var sent = 0;
        for (var connection = 0; connection < 3; connection++)
        {
            // A fresh connection for every burst: the limit belongs to the conversation and the visitor, not the socket.
            await using var hub = await ChatTestKit.ConnectAsync(factory, cookie);
            await hub.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
            for (var i = 0; i < 15; i++)
            {
                try
                {
                    await hub.InvokeAsync<ChatMessage>("Send", reference, $"flood-{connection}-{i:D4}", "スパム");
                    sent++;
                }
                catch (HubException e) when (e.Message.Contains("rate-limited", StringComparison.Ordinal))
                {
                }
            }
        }

        Assert.Equal(ChatHub.MessagesPerMinute, sent);

        // The form used without JavaScript shares the same limit.
        var cookies = new CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        var browser = factory.CreateBrowserLikeClient("ja", cookies);
        var chat = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        var refused = await HtmlPage.ParseAsync(await chat.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "フォームからも" }));
        Assert.Equal(429, refused.Status);
        Assert.Equal("フォームからも", refused.Find("#Input_Text")!.TextContent.Trim());
    }

    [Fact]
    public async Task OneAccountFloodingSeveralConversationsMeetsOneLimit()
    {
        var (customer, _) = await SecurityKit.NewCustomerAsync(factory);
        var (first, _) = await SecurityKit.StartChatAsync(customer.Http, "一つ目の会話");
        var (second, _) = await SecurityKit.StartChatAsync(customer.Http, "二つ目の会話");
        var sent = 0;
        foreach (var reference in new[] { first, second })
        {
            // A connection per conversation, as two browser tabs would have.
            await using var hub = await ChatTestKit.ConnectAsync(factory, customer);
            await hub.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
            for (var i = 0; i < ChatHub.MessagesPerMinute; i++)
            {
                try
                {
                    await hub.InvokeAsync<ChatMessage>("Send", reference, $"acct-{reference[^4..]}-{i:D4}", "スパム");
                    sent++;
                }
                catch (HubException e) when (e.Message.Contains("rate-limited", StringComparison.Ordinal))
                {
                }
            }
        }

        Assert.Equal(ChatHub.MessagesPerMinute, sent);
    }
}
