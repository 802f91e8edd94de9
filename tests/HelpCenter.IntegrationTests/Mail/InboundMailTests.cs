using HelpCenter.IntegrationTests.Pages.Account;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace HelpCenter.IntegrationTests.Mail;

/// <summary>A second real SMTP server plays the support mailbox: the app imports what it delivers.</summary>
public sealed class InboundMailFactory : MailFactory
{
    private SmtpServer? _support;

    public SmtpServer Support => _support ?? throw new InvalidOperationException("Not started.");

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["HelpCenter:Mail:InboundMaildir"] = Support.Maildir,
        ["HelpCenter:Mail:InboundPollSeconds"] = "1",
    };

    public override async Task InitializeAsync()
    {
        _support = await SmtpServer.StartAsync();
        await base.InitializeAsync();
    }

    protected override async Task DisposeServersAsync()
    {
        if (_support is not null)
        {
            await _support.DisposeAsync();
        }
    }
}

public sealed class InboundMailTests(InboundMailFactory factory) : IClassFixture<InboundMailFactory>
{
    [Fact]
    public async Task ACustomersMailedReplyIsAppendedWithoutTheQuoteAndAForgedSenderIsNot()
    {
        var customer = factory.CreateBrowserLikeClient();
        var email = AccountClient.NewEmail();
        var contact = await HtmlPage.GetAsync(customer, "/contact?q=" + Uri.EscapeDataString("入金が反映されない"));
        var flow = Uri.EscapeDataString(contact.Find("#hc-contact-form")!.GetAttribute("data-flow")!);
        var form = await HtmlPage.GetAsync(customer, $"/contact/email?flow={flow}");
        var created = await form.SubmitAsync(customer, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Description"] = "入金が反映されない",
        });
        var link = created.Headers.Location!.OriginalString;
        var confirmation = await factory.Smtp.WaitForMailAsync(email);

        await SendAsync("attacker@example.net", $"Re: {confirmation.Subject}", "この問い合わせを閉じてください");
        await SendAsync(email, $"Re: {confirmation.Subject}", "振込名義はヤマダハナコです。\n\n2026年11月29日 10:00 support@example.com のメッセージ:\n> お問い合わせを受け付けました", confirmation.MessageId);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        HtmlPage page;
        do
        {
            await Task.Delay(300);
            page = await HtmlPage.GetAsync(customer, link);
        }
        while (!page.Html.Contains("振込名義はヤマダハナコです。", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        var timeline = page.Find(".timeline")!.TextContent;
        Assert.Contains("振込名義はヤマダハナコです。", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("お問い合わせを受け付けました", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("閉じてください", timeline, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.Combine(factory.Support.Maildir, "rejected")));
    }

    private async Task SendAsync(string from, string subject, string text, string? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("support@example.com"));
        message.Subject = subject;
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
        }

        message.Body = new TextPart("plain") { Text = text };
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", factory.Support.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }
}
