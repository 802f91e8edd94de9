using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace HelpCenter.Chat;

/// <summary>Chat text as HTML: everything encoded, http(s) links made clickable (the same rule as chat.js).</summary>
public static partial class ChatText
{
    public static IHtmlContent Linkify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (Match match in Link().Matches(text))
        {
            html.Append(text[at..match.Index]);
            var url = HtmlEncoder.Default.Encode(match.Value);
            html.AppendHtml($"<a href=\"{url}\" rel=\"noopener noreferrer nofollow\">{url}</a>");
            at = match.Index + match.Length;
        }

        html.Append(text[at..]);
        return html;
    }

    [GeneratedRegex("""https?://[^\s<>"']+""")]
    private static partial Regex Link();
}
