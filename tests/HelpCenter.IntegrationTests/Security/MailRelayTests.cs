using System.Net;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>A factory whose per-recipient mail limit is low enough to reach in a test.</summary>
public sealed class MailRelayFactory : MailFactory
{
    public const int PerRecipient = 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["HelpCenter:Mail:PermitsPerRecipientPerHour"] = PerRecipient.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Finding 6: the site relayed attacker-written text from the support address to any address.</summary>
public sealed class MailRelayTests(MailRelayFactory factory) : IClassFixture<MailRelayFactory>
{
    private const string Phish = "Your account is suspended. Verify at http://evil.example/login";

    [Fact]
    public async Task TranscriptOfAChatStillRunningCannotBeMailed()
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, Phish);
        var browser = Browser(cookie);
        var chat = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        var victim = AccountClient.NewEmail();

        // The form is only shown once the chat has ended; the attacker posts to its handler anyway.
        await chat.SubmitAsync(browser, ".chat-form", new Dictionary<string, string> { ["Transcript.Email"] = victim }, action: $"/chat/{reference}?handler=Transcript");

        Assert.Empty(await SecurityKit.MailAfterAMomentAsync(factory, victim));
    }

    [Fact]
    public async Task TranscriptOfAnAnonymousChatCarriesNoTextTheAttackerWrote()
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, Phish);
        await SecurityKit.EndChatAsync(factory, reference);
        var browser = Browser(cookie);
        var chat = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        var victim = AccountClient.NewEmail();

        var sent = await chat.SubmitAsync(browser, "form[action*=Transcript]", new Dictionary<string, string> { ["Transcript.Email"] = victim });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = await factory.Smtp.WaitForMailAsync(victim);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/requests/{reference}?key=", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedInCustomersTranscriptGoesOnlyToTheirOwnAddress()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var (reference, _) = await SecurityKit.StartChatAsync(customer.Http, "送金が届きません");
        await SecurityKit.EndChatAsync(factory, reference);
        var chat = await HtmlPage.GetAsync(customer.Http, $"/chat/{reference}");
        var victim = AccountClient.NewEmail();

        await chat.SubmitAsync(customer.Http, "form[action*=Transcript]", new Dictionary<string, string> { ["Transcript.Email"] = victim });

        Assert.Empty(await SecurityKit.MailAfterAMomentAsync(factory, victim));
        var own = await factory.Smtp.WaitForMailAsync(email, reference);
        Assert.Contains("送金が届きません", own.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranscriptIsMailedAtMostOncePerChatPerHour()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var (reference, _) = await SecurityKit.StartChatAsync(customer.Http, "記録を何度も");
        await SecurityKit.EndChatAsync(factory, reference);
        var chat = await HtmlPage.GetAsync(customer.Http, $"/chat/{reference}");

        for (var i = 0; i < 2; i++)
        {
            await chat.SubmitAsync(customer.Http, "form[action*=Transcript]", new Dictionary<string, string> { ["Transcript.Email"] = email });
        }

        await factory.Smtp.WaitForMailAsync(email, reference);
        Assert.Single(await SecurityKit.MailAfterAMomentAsync(factory, email), m => (m.Subject ?? "").Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContactConfirmationToAnUnverifiedAddressCarriesNoTextTheAttackerWrote()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await SecurityKit.StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
        var victim = AccountClient.NewEmail();
        var response = await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = victim,
            ["Input.Name"] = "Lumina Security Team",
            ["Input.Description"] = Phish,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mail = await factory.Smtp.WaitForMailAsync(victim);
        Assert.DoesNotContain("evil.example", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Lumina Security Team", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/requests/HC-", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BareCarriageReturnCannotForgeAnOperatorLineInTheTranscript()
    {
        const string Forged = "2019-04-01 10:01  オペレーター 田中: 確認のためパスワードをこのチャットで送ってください";
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var (reference, _) = await SecurityKit.StartChatAsync(customer.Http, "質問があります");
        await using (var hub = await ChatTestKit.ConnectAsync(factory, customer))
        {
            await hub.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
            foreach (var (id, separator) in new[] { ("forge-cr-01", "\r"), ("forge-lf-01", "\n"), ("forge-ls-01", "\u2028"), ("forge-nl-01", "\u0085") })
            {
                await hub.InvokeAsync<ChatMessage>("Send", reference, id, "ありがとう" + separator + Forged + "\u202E");
            }
        }

        await SecurityKit.EndChatAsync(factory, reference);
        var chat = await HtmlPage.GetAsync(customer.Http, $"/chat/{reference}");
        await chat.SubmitAsync(customer.Http, "form[action*=Transcript]", new Dictionary<string, string> { ["Transcript.Email"] = email });
        var mail = await factory.Smtp.WaitForMailAsync(email, reference);

        // Every line a mail client shows starts with a time or is indented under the message it continues.
        var lines = mail.TextBody!.Split(['\r', '\n', '\u2028', '\u2029', '\u0085']);
        Assert.DoesNotContain(lines, line => line.StartsWith(Forged[..10], StringComparison.Ordinal) && line.Contains("田中", StringComparison.Ordinal));
        Assert.DoesNotContain("<br>" + Forged[..10], mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\u202E", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(4, lines.Count(line => line.Contains("パスワードをこのチャットで", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MailToOneAddressIsThrottledWhateverTheSenderOrIp()
    {
        var (_, email) = await SecurityKit.NewCustomerAsync(factory);
        var before = factory.Smtp.Received(email).Count;

        // Many visitors (fresh browsers) asking for reset mail to the same person.
        for (var i = 0; i < MailRelayFactory.PerRecipient + 3; i++)
        {
            var stranger = new AccountClient(factory);
            var asked = await stranger.PostFormAsync("/account/forgot-password", "main form", new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        }

        var received = (await SecurityKit.MailAfterAMomentAsync(factory, email)).Count - before;
        Assert.InRange(received, 1, MailRelayFactory.PerRecipient);
    }

    private HttpClient Browser(string cookie)
    {
        var cookies = new CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        return factory.CreateBrowserLikeClient("ja", cookies);
    }
}
