using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace HelpCenter.Chat;

/// <summary>Chat text as HTML: everything encoded, http(s) links made clickable (the same rule as <c>renderText</c> in chat.js).</summary>
public static partial class ChatText
{
    public static IHtmlContent Linkify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (Match match in Link().Matches(text))
        {
            // Sentence punctuation right after a link is not part of it: "see https://x.example/a." or "(https://x.example/)".
            var link = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']');
            html.Append(text[at..match.Index]);
            var url = HtmlEncoder.Default.Encode(link);
            html.AppendHtml($"<a href=\"{url}\" rel=\"noopener noreferrer nofollow\">{url}</a>");
            at = match.Index + link.Length;
        }

        html.Append(text[at..]);
        return html;
    }

    /// <summary>http(s) and the ASCII characters a URL may hold (Japanese text often follows a link without a space).</summary>
    [GeneratedRegex("""https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+""")]
    private static partial Regex Link();
}
