using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace HelpCenter.Mail;

/// <summary>
/// The one address check of every form: what MimeKit, which sends the mail, accepts as exactly one bare mailbox
/// (no display name, group, list, route or comment, a domain with a dot). <see cref="EmailAddressAttribute"/> only
/// looks for an '@', so <c>x y@example.com</c> or <c>grp:a@example.com;</c> passed it and failed when the mail was sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MailAddressAttribute : ValidationAttribute
{
    /// <summary>The message is a resource key, localised like every other validation message.</summary>
    public MailAddressAttribute() => ErrorMessage = "Validation.Email";

    /// <summary>Empty is left to [Required].</summary>
    public override bool IsValid(object? value) => value is null || (value is string text && (text.Length == 0 || MailAddresses.IsMailbox(text)));
}

/// <summary>Checks and shows mail addresses.</summary>
public static class MailAddresses
{
    public const int MaxLength = 254;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    /// <summary>Exactly one bare mailbox that MimeKit will send to (see <see cref="MailAddressAttribute"/>).</summary>
    public static bool IsMailbox(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        return trimmed.Length <= MaxLength
            && !trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '<' or '>' or '(' or ')' or ',' or ';' or ':' or '[' or ']' or '\\')
            && MailboxAddress.TryParse(Strict, trimmed, out var mailbox)
            && string.IsNullOrEmpty(mailbox.Name)
            && mailbox.Route.Count == 0
            && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
            && mailbox.LocalPart.Length > 0
            && mailbox.Domain.Contains('.', StringComparison.Ordinal)
            && !mailbox.Domain.StartsWith('.') && !mailbox.Domain.EndsWith('.');
    }

    /// <summary>An address where it is shown to someone who may not own it, or logged: enough to recognise, not to harvest.</summary>
    public static string Mask(string? email)
    {
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        return at < 1 ? "?" : email![0] + "***" + email[at..];
    }
}
