using System.Net;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>What the attack tests set up again and again: customers, chats through the real pages, ended chats.</summary>
public static class SecurityKit
{
    public const string Password = "correct horse battery";

    /// <summary>A new customer, registered through the pages, confirmed by the mailed link and signed in.</summary>
    public static async Task<(AccountClient Client, string Email)> NewCustomerAsync(MailFactory factory, string language = "ja")
    {
        var email = AccountClient.NewEmail();
        var client = new AccountClient(factory, language);
        await client.RegisterAndConfirmAsync(email, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email, Password)).StatusCode);
        return (client, email);
    }

    /// <summary>The contact flow's token, as the question page hands it out.</summary>
    public static async Task<string> StartFlowAsync(HttpClient client)
    {
        var page = await HtmlPage.GetAsync(client, "/contact");
        Assert.Equal(200, page.Status);
        return page.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
    }

    /// <summary>A chat started as a customer starts one: question, channels page, "chat". Returns the response of that
    /// last POST (its cookies are what the browser was given) and the chat's reference.</summary>
    public static async Task<(string Reference, HttpResponseMessage Started)> StartChatAsync(HttpClient client, string question)
    {
        var flow = await StartFlowAsync(client);
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}");
        var started = await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>());
        Assert.StartsWith("/chat/HC-", started.Headers.Location!.OriginalString, StringComparison.Ordinal);
        return (started.Headers.Location.OriginalString["/chat/".Length..], started);
    }

    /// <summary>An operator ends the chat.</summary>
    public static async Task EndChatAsync(MailFactory factory, string reference)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var request = (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
        await scope.ServiceProvider.GetRequiredService<ChatQueue>().CloseAsync(request, "answered", null, "test");
    }

    public static async Task<SupportRequest> RequestAsync(MailFactory factory, string reference)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
    }

    /// <summary>A copy of a browser's cookie jar, as an attacker who copied it would hold it.</summary>
    public static CookieContainer Copy(MailFactory factory, CookieContainer cookies)
    {
        var copy = new CookieContainer();
        copy.SetCookies(factory.Server.BaseAddress, string.Join(",", cookies.GetCookies(factory.Server.BaseAddress).Select(c => $"{c.Name}={c.Value}")));
        return copy;
    }

    /// <summary>Mail arrives asynchronously; "no mail" needs a moment of waiting to mean anything.</summary>
    public static async Task<IReadOnlyList<MimeKit.MimeMessage>> MailAfterAMomentAsync(MailFactory factory, string to)
    {
        await Task.Delay(700);
        return factory.Smtp.Received(to);
    }
}
