using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace HelpCenter.Contact;

/// <summary>Normalises what customers type into the contact forms: phone numbers, account numbers, order and
/// transaction ids. Full-width characters (typed with a Japanese IME) are accepted. Never throws.</summary>
public static class ContactValidation
{
    public const int MaxIds = 10;
    private const int MaxPhoneLength = 40;
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly char[] IdSeparators = [',', ' ', '\n', '\r', '\t', ';', '、', '，'];

    /// <summary>Japanese domestic numbers (region JP) and international ones starting with +, to E.164.</summary>
    public static bool TryNormalizePhone(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxPhoneLength)
        {
            return false;
        }

        var text = Fold(input).Replace('−', '-').Replace('ー', '-');
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.')))
        {
            return false;
        }

        try
        {
            var number = Phones.Parse(text, "JP");
            if (!Phones.IsValidNumber(number))
            {
                return false;
            }

            e164 = Phones.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>The exchange's account numbers: LX and 8 digits (case and width folded).</summary>
    public static bool TryNormalizeAccountNumber(string? input, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var text = Fold(input).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        if (text.Length == 8 && text.All(char.IsAsciiDigit))
        {
            // The articles ask for the "8-digit customer ID": the digits alone are the same account.
            text = "LX" + text;
        }

        if (text.Length != 10 || !text.StartsWith("LX", StringComparison.Ordinal) || !text[2..].All(char.IsAsciiDigit))
        {
            return false;
        }

        normalized = text;
        return true;
    }

    /// <summary>Order ids (ORD-), withdrawal/deposit ids (WD-/DP-) with 10 digits, and 64-hex transaction hashes
    /// (0x optional, lower-cased), separated by commas, spaces, new lines or 、. At most <see cref="MaxIds"/>.</summary>
    public static IReadOnlyList<string> ParseIds(string? input, out IReadOnlyList<string> invalid)
    {
        var valid = new List<string>();
        var rejected = new List<string>();
        foreach (var token in Fold(input ?? "").Split(IdSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            if (NormalizeId(token) is not { } id)
            {
                rejected.Add(token.Length > 80 ? token[..80] : token);
            }
            else if (!valid.Contains(id))
            {
                if (valid.Count < MaxIds)
                {
                    valid.Add(id);
                }
                else
                {
                    rejected.Add(id);
                }
            }
        }

        invalid = rejected;
        return valid;
    }

    /// <summary>For logs: LX****5678.</summary>
    public static string MaskAccountNumber(string normalized) =>
        normalized is { Length: 10 } ? normalized[..2] + "****" + normalized[6..] : "****";

    private static string? NormalizeId(string token)
    {
        var upper = token.ToUpperInvariant();
        foreach (var prefix in new[] { "ORD-", "WD-", "DP-" })
        {
            if (upper.StartsWith(prefix, StringComparison.Ordinal) && upper.Length == prefix.Length + 10 && upper[prefix.Length..].All(char.IsAsciiDigit))
            {
                return upper;
            }
        }

        var hex = token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? token[2..] : token;
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? (token.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? "0x" : "") + hex.ToLowerInvariant()
            : null;
    }

    /// <summary>NFKC folds full-width digits and letters; control and bidi characters are dropped.</summary>
    private static string Fold(string input)
    {
        var folded = input.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsControl(c) || c is '\n' or '\r' or '\t')
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
                {
                    builder.Append(c);
                }
            }
        }

        return builder.ToString().Trim();
    }
}
