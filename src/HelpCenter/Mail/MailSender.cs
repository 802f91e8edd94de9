using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpCenter.Mail;

/// <summary>The one way the site sends mail: SMTP through MailKit when configured, otherwise .eml files in the
/// data folder. Delivery failures are logged and rethrown so that callers can tell the user.</summary>
public sealed class MailSender(IOptions<MailOptions> options, Infrastructure.SitePaths paths, TimeProvider clock, ILogger<MailSender> logger)
{
    private readonly MailOptions _options = options.Value;

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = Build(message);
        if (string.IsNullOrWhiteSpace(_options.SmtpHost))
        {
            var folder = paths.DataFolder(_options.PickupFolder);
            var file = Path.Combine(folder, $"{clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await mime.WriteToAsync(file, cancellationToken);
            logger.LogInformation("Mail written to {File}", Path.GetFileName(file));
            return;
        }

        using var client = new SmtpClient();
        await client.ConnectAsync(_options.SmtpHost, _options.SmtpPort, ParseSecurity(_options.Security), cancellationToken);
        if (!string.IsNullOrEmpty(_options.UserName))
        {
            await client.AuthenticateAsync(_options.UserName, _options.Password, cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Mail sent through {Host}:{Port}", _options.SmtpHost, _options.SmtpPort);
    }

    private MimeMessage Build(MailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(_options.FromName, _options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Date = clock.GetUtcNow();
        mime.Headers.Add(HeaderId.ContentLanguage, message.Language == "zh" ? "zh-Hans" : message.Language);
        var domain = _options.FromAddress[(_options.FromAddress.IndexOf('@') + 1)..];
        if (message.ThreadKey is { } thread)
        {
            // Every mail of a request refers to the same root id, so mail clients thread them together.
            var root = $"{thread}@{domain}";
            mime.InReplyTo = root;
            mime.References.Add(root);
        }

        mime.MessageId = $"{Guid.NewGuid():N}@{domain}";
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    private static SecureSocketOptions ParseSecurity(string value) => value switch
    {
        "None" => SecureSocketOptions.None,
        "StartTls" => SecureSocketOptions.StartTls,
        "SslOnConnect" => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
