using System.Threading.RateLimiting;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpCenter.Mail;

/// <summary>The one way the site sends mail: SMTP through MailKit when configured, otherwise .eml files in the
/// data folder. Sending never throws for a delivery problem: whatever was stored before the mail (a request, a
/// message) stays stored, the failure is logged, and the caller learns it from the result and can say so.</summary>
public sealed class MailSender : IDisposable
{
    private readonly MailOptions _options;
    private readonly Infrastructure.SitePaths _paths;
    private readonly TimeProvider _clock;
    private readonly ILogger<MailSender> _logger;

    /// <summary>Per recipient, whoever triggers the mail: the per-IP limits alone let many IPs flood one inbox. Shared by
    /// every instance when Redis is configured.</summary>
    private readonly PartitionedRateLimiter<string> _perRecipient;

    public MailSender(IOptions<MailOptions> options, Infrastructure.SitePaths paths, TimeProvider clock, Infrastructure.Distributed.DistributedRateLimits limits,
        ILogger<MailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        _options = options.Value;
        _paths = paths;
        _clock = clock;
        _logger = logger;
        _perRecipient = limits.Create("mail-recipient", _options.PermitsPerRecipientPerHour, TimeSpan.FromHours(1));
    }

    /// <summary>False when the mail did not leave: the recipient had too many mails this hour, or delivery failed.</summary>
    public async Task<bool> SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using (var lease = await _perRecipient.AcquireAsync(message.To.Trim().ToUpperInvariant(), 1, cancellationToken))
        {
            if (!lease.IsAcquired)
            {
                _logger.LogWarning("Mail to {Recipient} not sent: {Permits} mails to this address within the hour", Infrastructure.LogText.Safe(MailAddresses.Mask(message.To)), _options.PermitsPerRecipientPerHour);
                return false;
            }
        }

        try
        {
            await DeliverAsync(message, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Mail to {Recipient} could not be sent", Infrastructure.LogText.Safe(MailAddresses.Mask(message.To)));
            return false;
        }
    }

    public void Dispose() => _perRecipient.Dispose();

    private async Task DeliverAsync(MailMessage message, CancellationToken cancellationToken)
    {
        var mime = Build(message);
        if (string.IsNullOrWhiteSpace(_options.SmtpHost))
        {
            var folder = _paths.DataFolder(_options.PickupFolder);
            var file = Path.Combine(folder, $"{_clock.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.eml");
            await mime.WriteToAsync(file, cancellationToken);
            _logger.LogInformation("Mail written to {File}", Path.GetFileName(file));
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
        _logger.LogInformation("Mail sent through {Host}:{Port}", _options.SmtpHost, _options.SmtpPort);
    }

    private MimeMessage Build(MailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(_options.FromName, _options.FromAddress));
        // The address was checked by the form (MailAddressAttribute); Parse still throws rather than guess.
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = Infrastructure.PlainText.SingleLine(message.Subject);
        mime.Date = _clock.GetUtcNow();
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
