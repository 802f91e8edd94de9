using System.Text;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Visitor-typed text before it is stored, shown to operators or put into a mail. Line breaks become one kind (LF)
/// or go; other control characters and the bidirectional overrides that make text read differently from what it
/// is (U+202E turns "gpj.exe" into "exe.jpg") go. A bare CR once let a chat message start a forged "operator"
/// line in the plain-text transcript.
/// </summary>
public static class PlainText
{
    /// <summary>Text that may keep line breaks (a message): CRLF, CR, NEL, U+2028 and U+2029 become LF.</summary>
    public static string Multiline(string? text) => Clean(text, keepLineBreaks: true);

    /// <summary>Text for one line (a name, anything a header or a greeting carries): line breaks become spaces.</summary>
    public static string SingleLine(string? text) => Clean(text, keepLineBreaks: false);

    private static string Clean(string? text, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }

            if (c is '\r' or '\n' or '\u0085' or '\u2028' or '\u2029')
            {
                builder.Append(keepLineBreaks ? '\n' : ' ');
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsBidiControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Embeddings, overrides, isolates and marks (U+202A-202E, U+2066-2069, U+200E, U+200F, U+061C).</summary>
    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>The first non-empty line, shortened to <paramref name="max"/> characters: what a list shows of a question.</summary>
    public static string FirstLine(string? text, int max = 80)
    {
        var line = (text ?? "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length <= max ? line : line[..(max - 1)] + "…";
    }
}
