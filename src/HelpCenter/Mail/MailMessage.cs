namespace HelpCenter.Mail;

/// <summary>A mail ready to send: one recipient, a plain-text body and its HTML alternative.</summary>
public sealed record MailMessage(string To, string Subject, string TextBody, string HtmlBody, string Language)
{
    /// <summary>Optional thread key (e.g. a request reference) used for Message-ID / In-Reply-To threading.</summary>
    public string? ThreadKey { get; init; }
}
