using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpCenter.Mail;

/// <summary>Outgoing mail, bound from <c>HelpCenter:Mail</c>. Without <see cref="SmtpHost"/>, messages are written
/// as .eml files to <see cref="PickupFolder"/> so the site runs with nothing to install.</summary>
public sealed class MailOptions
{
    public const string Section = "HelpCenter:Mail";

    /// <summary>SMTP server; empty writes .eml files instead.</summary>
    public string SmtpHost { get; set; } = "";

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    /// <summary>Auto (STARTTLS when offered), StartTls (required), SslOnConnect or None.</summary>
    [AllowedValues("Auto", "StartTls", "SslOnConnect", "None")]
    public string Security { get; set; } = "Auto";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    [Required, MailAddress]
    public string FromAddress { get; set; } = "support@example.com";

    [Required]
    public string FromName { get; set; } = "Lumina Help Center";

    /// <summary>Folder for .eml files, relative to the data folder.</summary>
    [Required]
    public string PickupFolder { get; set; } = "mail";

    /// <summary>Maildir where the mail server delivers customers' replies to the support address; empty turns
    /// importing replies off.</summary>
    public string InboundMaildir { get; set; } = "";

    [Range(1, 3600)]
    public int InboundPollSeconds { get; set; } = 30;

    /// <summary>Mails to one address per hour, whoever asks for them (reset links, confirmations, transcripts...): a
    /// stranger cannot turn the site into a mail cannon against one inbox from many IPs. Per instance.</summary>
    [Range(1, 10_000)]
    public int PermitsPerRecipientPerHour { get; set; } = 10;

    /// <summary>Absolute address customers reach the site at (e.g. https://help.example.com). Required: every link in
    /// every mail is built from it, never from the request's Host header, which the client chooses.</summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary><see cref="PublicBaseUrl"/> as a URI, once it is valid.</summary>
    public Uri PublicBase => new(PublicBaseUrl.TrimEnd('/') + "/");
}

/// <summary>Refuses to start without a usable <see cref="MailOptions.PublicBaseUrl"/>, naming the setting.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{MailOptions.Section}:{nameof(MailOptions.PublicBaseUrl)} must be the absolute address customers reach the site at, " +
            $"e.g. https://help.example.com (it is '{options.PublicBaseUrl}'). Links in mail are built from it only; set it in " +
            "appsettings.json or as the environment variable HelpCenter__Mail__PublicBaseUrl.");
    }
}
