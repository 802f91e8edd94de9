using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.Extensions.DependencyInjection;

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
        // The confirmation goes to an address nobody has verified: the reference and the private link, not the question
        // (issue 11, finding 6).
        var mail = await factory.Smtp.WaitForMailAsync(email);
        Assert.DoesNotContain("口座が凍結されました", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost" + moved.Headers.Location.OriginalString.Split('?')[0], mail.TextBody, StringComparison.Ordinal);
        var request = await HtmlPage.GetAsync(client, moved.Headers.Location.OriginalString);
        Assert.Contains("至急お願いします", request.Find(".timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheOperatorEndsTheChatTheCustomerAnswersTheSurveyOnce()
    {
        var client = factory.CreateBrowserLikeClient();
        var contact = await HtmlPage.GetAsync(client, "/contact");
        var flow = contact.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("出金の手数料")}");
        var chatUrl = (await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>())).Headers.Location!.OriginalString;
        var reference = chatUrl["/chat/".Length..];

        var agent = new Pages.Account.AccountClient(factory);
        await agent.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, (await detail.SubmitAsync(agent.Http, "form[action*=Close]", new Dictionary<string, string> { ["resolution"] = "answered" })).StatusCode);

        // Once ended, this browser's chat cookie shows the end and the survey, not the conversation (issue 11, finding 7).
        var chat = await HtmlPage.GetAsync(client, chatUrl);
        Assert.Contains("チャットを終了しました", chat.Find("#hc-chat-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(chat.Find(".chat-log"));
        Assert.Null(chat.Find(".chat-form"));
        var invalid = await HtmlPage.ParseAsync(await chat.SubmitAsync(client, "form[action*=Survey]", new Dictionary<string, string>
        {
            ["Survey.Rating"] = "7",
            ["Survey.Comment"] = "早い対応でした",
        }));
        Assert.Equal(200, invalid.Status);
        Assert.Equal("早い対応でした", invalid.Find("#Survey_Comment")!.TextContent.Trim());
        Assert.NotNull(invalid.Find(".survey .field-error"));

        await chat.SubmitAsync(client, "form[action*=Survey]", new Dictionary<string, string>
        {
            ["Survey.Rating"] = "5",
            ["Survey.Solved"] = "true",
            ["Survey.Comment"] = "早い対応でした",
        });
        var again = await chat.SubmitAsync(client, "form[action*=Survey]", new Dictionary<string, string> { ["Survey.Rating"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);

        var done = await HtmlPage.GetAsync(client, chatUrl);
        Assert.Contains("ありがとうございました", done.Find(".survey")!.TextContent, StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<HelpCenter.Requests.RequestService>().FindAsync(reference);
        Assert.Equal((5, true, "早い対応でした"), (stored!.SurveyRating!.Value, stored.SurveySolved!.Value, stored.SurveyComment));
    }

    [Fact]
    public async Task AMessageSentWithoutJavaScriptReachesTheOperatorsOpenPanelLive()
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, "フォームから送ります");
        var agentAccount = new Pages.Account.AccountClient(factory);
        await agentAccount.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        await using var agent = await ChatTestKit.ConnectAsync(factory, agentAccount);
        var received = new List<string>();
        agent.On<HelpCenter.Chat.ChatMessage>("MessageAdded", m => { lock (received) { received.Add(m.Text); } });
        await agent.InvokeAsync<List<HelpCenter.Chat.ChatMessage>>("AgentJoin", reference, 0);

        var cookies = new System.Net.CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        var browser = factory.CreateBrowserLikeClient("ja", cookies);
        var chat = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        Assert.Equal(HttpStatusCode.Redirect, (await chat.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "JavaScriptなしの送信" })).StatusCode);
        await ChatTestKit.WaitUntilAsync(() => { lock (received) { return received.Contains("JavaScriptなしの送信"); } }, "the form message on the operator's connection");
    }

    [Fact]
    public async Task ACustomerSendsAnImageThatOnlyTheyAndOperatorsCanOpenAndAFakeImageIsRefused()
    {
        var client = factory.CreateBrowserLikeClient();
        var contact = await HtmlPage.GetAsync(client, "/contact");
        var flow = contact.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("エラー画面が出ます")}");
        var chatUrl = (await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>())).Headers.Location!.OriginalString;
        var chat = await HtmlPage.GetAsync(client, chatUrl);

        var fake = await HtmlPage.ParseAsync(await PostImageAsync(client, chat, "error.png", "<script>alert(1)</script>"u8.ToArray()));
        Assert.Equal(200, fake.Status);
        Assert.Contains("error.png", fake.Find(".chat-image-form .field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Single(fake.FindAll(".chat-log li"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostImageAsync(client, chat, "screen.png", SmallPng())).StatusCode);
        chat = await HtmlPage.GetAsync(client, chatUrl);
        var image = chat.Find(".chat-log img.chat-image")!;
        Assert.Equal("screen.png", image.GetAttribute("alt"));
        var url = image.GetAttribute("src")!;
        var served = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserLikeClient().GetAsync(new Uri(url, UriKind.Relative))).StatusCode);

        var reference = chatUrl["/chat/".Length..];
        var agent = new Pages.Account.AccountClient(factory);
        await agent.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        var staffUrl = detail.Find(".chat-panel img.chat-image")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync(new Uri(staffUrl, UriKind.Relative))).StatusCode);
    }

    /// <summary>Posts an image through the chat page's image form (also used by Security/ImageDecodingTests).</summary>
    internal static async Task<HttpResponseMessage> PostImageAsync(HttpClient client, HtmlPage chat, string name, byte[] bytes)
    {
        var content = new MultipartFormDataContent();
        foreach (var hidden in chat.FindAll(".chat-image-form input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        content.Add(file, "Image", name);
        return await client.PostAsync(new Uri(chat.Find(".chat-image-form")!.GetAttribute("action")!, UriKind.Relative), content);
    }

    private static byte[] SmallPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(40, 30);
        bitmap.Erase(SkiaSharp.SKColors.White);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }
}
