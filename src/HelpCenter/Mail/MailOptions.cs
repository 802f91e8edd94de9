using System.ComponentModel.DataAnnotations;

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

    [Required, EmailAddress]
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

    /// <summary>Absolute base of links in mail (e.g. https://help.example.com). Empty: the current request's host.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
