using System.Net;
using HelpCenter.IntegrationTests.Mail;

namespace HelpCenter.IntegrationTests.Chat;

public sealed class ChatPageTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task WithoutJavaScriptTheChatStillWorksAndAnUnansweredChatContinuesByEmail()
    {
        var client = factory.CreateBrowserLikeClient();
        var contact = await HtmlPage.GetAsync(client, "/contact");
        var flow = contact.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("口座が凍結されました")}");
        var started = await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>());
        Assert.StartsWith("/chat/HC-", started.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var chat = await HtmlPage.GetAsync(client, started.Headers.Location.OriginalString);
        Assert.Contains("口座が凍結されました", chat.Find(".chat-log")!.TextContent, StringComparison.Ordinal);
        var sent = await chat.SubmitAsync(client, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "至急お願いします" });
        var resent = await chat.SubmitAsync(client, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "至急お願いします" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        chat = await HtmlPage.GetAsync(client, started.Headers.Location.OriginalString);
        Assert.Equal(2, chat.FindAll(".chat-log li").Count);

        // Another browser cannot open it.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserLikeClient().GetAsync(started.Headers.Location)).StatusCode);

        var email = Pages.Account.AccountClient.NewEmail();
        var moved = await chat.SubmitAsync(client, "form[action*=Email]", new Dictionary<string, string> { ["Continue.Email"] = email });
        Assert.StartsWith("/requests/HC-", moved.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var mail = await factory.Smtp.WaitForMailAsync(email);
        Assert.Contains("口座が凍結されました", mail.TextBody, StringComparison.Ordinal);
        var request = await HtmlPage.GetAsync(client, moved.Headers.Location.OriginalString);
        Assert.Contains("至急お願いします", request.Find(".timeline")!.TextContent, StringComparison.Ordinal);
    }
}
