using System.Globalization;
using System.Net;
using System.Text;
using HelpCenter.Localization;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Mail;

/// <summary>
/// Builds a mail from the localised templates <c>Mail.{Template}.Subject</c>, <c>.Body</c> and <c>.Action</c> in
/// the shared resources. Bodies are paragraphs separated by blank lines with <c>{Name}</c> placeholders; values are
/// HTML-encoded in the HTML part. Every mail gets the same greeting and footer.
/// </summary>
public sealed partial class MailComposer(IStringLocalizer<SharedResource> localizer)
{
    public MailMessage Compose(string to, string language, string template, IReadOnlyDictionary<string, string>? values = null, string? actionUrl = null)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(Languages.ToCultureName(Languages.IsSupported(language) ? language : Languages.Default));
        try
        {
            values ??= new Dictionary<string, string>();
            var subject = Fill(localizer[$"Mail.{template}.Subject"].Value, values, html: false);
            var paragraphs = localizer[$"Mail.{template}.Body"].Value.Split("\n\n");
            var action = actionUrl is null ? null : localizer[$"Mail.{template}.Action"].Value;
            var footer = localizer["Mail.Footer"].Value;

            var text = new StringBuilder();
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.7;color:#1f2937\">");
            foreach (var paragraph in paragraphs)
            {
                text.Append(Fill(paragraph, values, html: false)).Append("\n\n");
                html.Append("<p>").Append(LineBreaks(Fill(paragraph, values, html: true))).Append("</p>");
            }

            if (action is not null)
            {
                text.Append(action).Append(":\n").Append(actionUrl).Append("\n\n");
                html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(actionUrl)).Append("\">")
                    .Append(WebUtility.HtmlEncode(action)).Append("</a></p>");
            }

            text.Append("-- \n").Append(footer).Append('\n');
            html.Append("<hr><p style=\"color:#6b7280;font-size:small\">").Append(WebUtility.HtmlEncode(footer).Replace("\n", "<br>", StringComparison.Ordinal))
                .Append("</p></body></html>");
            return new MailMessage(to, subject, text.ToString(), html.ToString(), language);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>One resource string in <paramref name="language"/> (for values that a template shows).</summary>
    public string Text(string language, string key, params object[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(Languages.ToCultureName(Languages.IsSupported(language) ? language : Languages.Default));
        try
        {
            return localizer[key, arguments].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>Line breaks as &lt;br&gt;, keeping the indentation HTML would collapse: a continuation line of a chat
    /// message stays visibly indented under it, so it cannot pass for a line of its own (a forged operator line).</summary>
    private static string LineBreaks(string html) =>
        Indentation().Replace(html, match => "<br>" + string.Concat(Enumerable.Repeat("&#160;", match.Groups[1].Length)));

    [System.Text.RegularExpressions.GeneratedRegex("\n( *)")]
    private static partial System.Text.RegularExpressions.Regex Indentation();

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html)
    {
        var result = html ? WebUtility.HtmlEncode(template) : template;
        foreach (var (name, value) in values)
        {
            result = result.Replace("{" + name + "}", html ? WebUtility.HtmlEncode(value) : value, StringComparison.Ordinal);
        }

        return result;
    }
}
