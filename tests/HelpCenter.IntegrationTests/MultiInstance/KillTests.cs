using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.IntegrationTests.Security;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpCenter.IntegrationTests.MultiInstance;

/// <summary>An instance dies mid-chat (kill -9); the load balancer sends the customer to the other one. A cluster of its
/// own: this test ends instance A.</summary>
public sealed class KillTests(TwoInstanceCluster cluster) : IClassFixture<TwoInstanceCluster>
{
    [Fact]
    public async Task KillingTheCustomersInstanceMidChatLosesNothing()
    {
        var customerCookies = new CookieContainer();
        var (reference, _) = await SecurityKit.StartChatAsync(cluster.A.CreateClient(customerCookies), "サーバーが落ちても消えませんか");
        var operatorAccount = new AccountClient(cookies => cluster.B.CreateClient(cookies), cluster.CodesFolder);
        Assert.Equal(HttpStatusCode.Redirect,
            (await operatorAccount.LoginAsync("agent@example.com", Mail.MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey)).StatusCode);
        await using var agent = await ConnectAsync(cluster.B, operatorAccount.Cookies);
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

        var onA = await ConnectAsync(cluster.A, customerCookies);
        await onA.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        for (var i = 1; i <= 3; i++)
        {
            await onA.InvokeAsync<ChatMessage>("Send", reference, $"kill-msg-{i}", $"送信 {i}");
        }

        // The fourth is on its way when A dies: the customer's page does not know whether it was stored.
        var inFlight = onA.InvokeAsync<ChatMessage>("Send", reference, "kill-msg-4", "送信 4");
        await cluster.A.KillAsync();
        try
        {
            await inFlight;
        }
        catch (Exception e) when (e is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException
            or System.IO.IOException or System.Net.WebSockets.WebSocketException)
        {
            // Unanswered (how depends on when the connection broke): sent again below with the same client id.
        }

        try
        {
            await onA.DisposeAsync();
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // The server is gone: nothing to close.
        }

        // The same cookie reaches B through the load balancer; the page reconnects and sends again what was not confirmed.
        foreach (Cookie cookie in customerCookies.GetCookies(cluster.A.BaseAddress))
        {
            customerCookies.Add(cluster.B.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        await using var onB = await ConnectAsync(cluster.B, customerCookies);
        await onB.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await onB.InvokeAsync<ChatMessage>("Send", reference, "kill-msg-4", "送信 4");
        await onB.InvokeAsync<ChatMessage>("Send", reference, "kill-msg-5", "送信 5");

        var stored = await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        var sent = stored.Where(m => m.Kind == "Customer" && m.Text.StartsWith("送信 ", StringComparison.Ordinal)).Select(m => m.Text).ToList();
        Assert.Equal(["送信 1", "送信 2", "送信 3", "送信 4", "送信 5"], sent);
        var sequences = stored.Select(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range(sequences[0], sequences.Count), sequences);
    }

    private static async Task<HubConnection> ConnectAsync(AppProcess instance, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(instance.BaseAddress, ChatHub.Path), options => options.Cookies = cookies)
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
