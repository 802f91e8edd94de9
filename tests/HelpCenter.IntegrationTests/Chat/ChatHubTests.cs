using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>The chat hub through the real .NET SignalR client (long polling over the in-process server).</summary>
public sealed class ChatHubTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task MessagesAreStoredInOrderOnceEachAndMissedOnesAreReplayed()
    {
        var (reference, cookie) = await StartChatAsync("出金が届きません");
        await using var customer = await ConnectAsync(cookie);
        var history = await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        Assert.Equal("出金が届きません", Assert.Single(history).Text);

        var first = await customer.InvokeAsync<ChatMessage>("Send", reference, "client-0001", "一つ目");
        var again = await customer.InvokeAsync<ChatMessage>("Send", reference, "client-0001", "一つ目");
        var second = await customer.InvokeAsync<ChatMessage>("Send", reference, "client-0002", "二つ目");
        Assert.Equal(2, first.Sequence);
        Assert.Equal(first.Sequence, again.Sequence);
        Assert.Equal(3, second.Sequence);

        // Concurrent sends from several clients: distinct, gap-free sequence numbers.
        var sent = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => customer.InvokeAsync<ChatMessage>("Send", reference, $"burst-{i:D4}", $"連投 {i}")));
        Assert.Equal(Enumerable.Range(4, 10), sent.Select(m => m.Sequence).Order());

        // A client that saw up to 3 gets exactly what followed, in order.
        var missed = await customer.InvokeAsync<List<ChatMessage>>("Fetch", reference, 3);
        Assert.Equal(Enumerable.Range(4, 10), missed.Select(m => m.Sequence));
    }

    [Fact]
    public async Task OperatorsRepliesReachTheCustomerButInternalNotesNever()
    {
        var (reference, cookie) = await StartChatAsync("二段階認証のコードが通りません");
        await using var customer = await ConnectAsync(cookie);
        var received = new List<ChatMessage>();
        customer.On<ChatMessage>("MessageAdded", m => { lock (received) { received.Add(m); } });
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);

        var agentClient = new AccountClient(factory);
        await agentClient.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        await using var agent = await ConnectAsync(agentClient.Cookies.GetCookieHeader(factory.Server.BaseAddress));
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        await agent.InvokeAsync<ChatMessage>("AgentSend", reference, "agent-note-1", "本人確認済み（社内）", true);
        var reply = await agent.InvokeAsync<ChatMessage>("AgentSend", reference, "agent-msg-01", "時刻設定をご確認ください", false);

        await WaitUntilAsync(() => { lock (received) { return received.Any(m => m.Sequence == reply.Sequence); } });
        lock (received)
        {
            Assert.DoesNotContain(received, m => m.Kind == "Note");
        }

        var replay = await customer.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0);
        Assert.DoesNotContain(replay, m => m.Text.Contains("社内", StringComparison.Ordinal));
        Assert.Equal([1, 3], replay.Select(m => m.Sequence));
        var staffView = await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        Assert.Equal([1, 2, 3], staffView.Select(m => m.Sequence));
    }

    [Fact]
    public async Task EachSideReceivesEachMessageOnce()
    {
        var (reference, cookie) = await StartChatAsync("一度だけ届きますか");
        await using var customer = await ConnectAsync(cookie);
        var agentClient = new AccountClient(factory);
        await agentClient.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        await using var agent = await ConnectAsync(agentClient.Cookies.GetCookieHeader(factory.Server.BaseAddress));
        var toCustomer = new List<int>();
        var toAgent = new List<int>();
        customer.On<ChatMessage>("MessageAdded", m => { lock (toCustomer) { toCustomer.Add(m.Sequence); } });
        agent.On<ChatMessage>("MessageAdded", m => { lock (toAgent) { toAgent.Add(m.Sequence); } });
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

        var question = await customer.InvokeAsync<ChatMessage>("Send", reference, "once-customer-1", "質問です");
        var answer = await agent.InvokeAsync<ChatMessage>("AgentSend", reference, "once-agent-01", "回答です", false);
        await WaitUntilAsync(() => { lock (toCustomer) { return toCustomer.Contains(answer.Sequence); } });
        await Task.Delay(300);
        lock (toAgent)
        {
            Assert.Equal([question.Sequence, answer.Sequence], toAgent);
        }

        lock (toCustomer)
        {
            Assert.Equal([question.Sequence, answer.Sequence], toCustomer);
        }
    }

    [Fact]
    public async Task HostileCallsAreRefused()
    {
        var (reference, cookie) = await StartChatAsync("テスト");
        var (otherReference, otherCookie) = await StartChatAsync("別の会話");
        await using var stranger = await ConnectAsync(otherCookie);
        var error = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<List<ChatMessage>>("Join", reference, 0));
        Assert.Contains("not-found", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<ChatMessage>("Send", reference, "client-0001", "乗っ取り"));
        await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync<ChatMessage>("AgentSend", otherReference, "client-0001", "偽オペレーター", false));

        await using var customer = await ConnectAsync(cookie);
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        Assert.Contains("invalid-text", (await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<ChatMessage>("Send", reference, "client-0001", new string('あ', 2001)))).Message, StringComparison.Ordinal);
        Assert.Contains("invalid-client-id", (await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<ChatMessage>("Send", reference, "../x", "hi"))).Message, StringComparison.Ordinal);
        Assert.Contains("not-found", (await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<ChatMessage>("Send", "HC-00000000-0000", "client-0002", "hi"))).Message, StringComparison.Ordinal);

        var flood = 0;
        for (var i = 0; i < ChatHub.MessagesPerMinute + 5; i++)
        {
            try
            {
                await customer.InvokeAsync<ChatMessage>("Send", reference, $"flood-{i:D4}", "スパム");
            }
            catch (HubException e) when (e.Message.Contains("rate-limited", StringComparison.Ordinal))
            {
                flood++;
            }
        }

        Assert.Equal(5, flood);
    }

    [Fact]
    public async Task AnOperatorsConnectionEndsWhenTheSignInEnds()
    {
        var (reference, _) = await StartChatAsync("テスト");
        var agentClient = new AccountClient(factory);
        await agentClient.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        await using var agent = await ConnectAsync(agentClient.Cookies.GetCookieHeader(factory.Server.BaseAddress));
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

        // "Sign out everywhere" (or a password change, a freeze...) renews the security stamp.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync("agent@example.com"))!);
        }

        // The call is refused and the server closes the connection (the client sees the call cancelled).
        await Assert.ThrowsAnyAsync<Exception>(() => agent.InvokeAsync<ChatMessage>("AgentSend", reference, "after-signout", "まだ送れる？", false));
        await WaitUntilAsync(() => agent.State == HubConnectionState.Disconnected);
        await using var check = factory.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference);
        Assert.DoesNotContain(stored!.Messages, m => m.ClientId == "after-signout");
    }

    [Fact]
    public async Task ConnectionsFromAnotherSiteAreRefused()
    {
        var client = factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, ChatHub.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    private Task<(string Reference, string Cookie)> StartChatAsync(string question) => ChatTestKit.StartChatAsync(factory, question);

    private Task<HubConnection> ConnectAsync(string cookie) => ChatTestKit.ConnectAsync(factory, cookie);

    private static Task WaitUntilAsync(Func<bool> condition) => ChatTestKit.WaitUntilAsync(condition);
}
