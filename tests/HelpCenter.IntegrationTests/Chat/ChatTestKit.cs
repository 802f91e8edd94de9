using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.Contact;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>Customers and operators for chat tests: real chats through the contact services, real sign-ins, and
/// the real .NET SignalR client (long polling over the in-process server).</summary>
public static class ChatTestKit
{
    /// <summary>A chat as the contact flow creates it, and the customer's conversation cookie.</summary>
    public static async Task<(string Reference, string Cookie)> StartChatAsync(MailFactory factory, string question, string language = "ja")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var flows = scope.ServiceProvider.GetRequiredService<ContactFlowService>();
        var flow = await flows.StartAsync(http, language, null);
        flow.Question = question;
        var request = await scope.ServiceProvider.GetRequiredService<ContactRequests>().CreateChatAsync(http, flow, null);
        var response = new DefaultHttpContext().Response;
        scope.ServiceProvider.GetRequiredService<ChatAccess>().Grant(response, request.Reference, secure: false);
        var setCookie = response.Headers.SetCookie.ToString();
        return (request.Reference, setCookie[..setCookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    public static async Task<HubConnection> ConnectAsync(MailFactory factory, string cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, ChatHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A new operator (Agent role, two-step verification with the development key), signed in.</summary>
    public static async Task<AccountClient> NewOperatorAsync(MailFactory factory, string displayName)
    {
        var email = AccountClient.NewEmail();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTimeOffset.UtcNow };
            Assert.True((await users.CreateAsync(user, MailFactory.DevelopmentPassword)).Succeeded);
            Assert.True((await users.AddToRolesAsync(user, [Roles.Customer, Roles.Agent])).Succeeded);
            var store = (IUserAuthenticatorKeyStore<ApplicationUser>)scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>();
            await store.SetAuthenticatorKeyAsync(user, AccountSeeder.DevelopmentAuthenticatorKey, CancellationToken.None);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        }

        var client = new AccountClient(factory);
        await client.LoginAsync(email, MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        return client;
    }

    public static Task<HubConnection> ConnectAsync(MailFactory factory, AccountClient account) =>
        ConnectAsync(factory, account.Cookies.GetCookieHeader(factory.Server.BaseAddress));

    public static async Task WaitUntilAsync(Func<bool> condition, string what = "condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what = "condition")
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}
