using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>
/// Marks query words in titles and builds snippets: finds the words in the text (compared after NFKC and
/// lower-casing), picks the passage with the most distinct matches, HTML-escapes everything and wraps the
/// matches in &lt;mark&gt;.
/// </summary>
public static class Highlighter
{
    // Escapes only what HTML needs (< > & " '), not Japanese or the yen sign.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Characters in a snippet.</summary>
    public const int SnippetLength = 110;

    /// <summary>The whole <paramref name="text"/>, escaped, with every occurrence of <paramref name="words"/> marked.</summary>
    public static string Mark(string text, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Render(text, 0, text.Length, FindMatches(text, words));
    }

    /// <summary>A passage of <paramref name="text"/> around the matches (its start when nothing matches), escaped and marked.</summary>
    public static string Snippet(string text, IReadOnlyCollection<string> words, int length = SnippetLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Snippet(text, FindMatches(text, words), length);
    }

    /// <summary>
    /// What a search result shows, finding the words once per text: the marked title, the snippet of the body,
    /// and which of <paramref name="words"/> occur in the title, tags, summary or body (in that order).
    /// </summary>
    public static (string TitleHtml, string SnippetHtml, IReadOnlyList<string> Found) Article(
        string title, string tags, string summary, string body, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var titleMatches = FindMatches(title ?? "", words);
        var bodyMatches = FindMatches(body ?? "", words);
        var found = titleMatches.Concat(FindMatches(tags ?? "", words)).Concat(FindMatches(summary ?? "", words)).Concat(bodyMatches)
            .Select(m => m.Word).Distinct().ToList();
        return (Render(title ?? "", 0, (title ?? "").Length, titleMatches), Snippet(body ?? "", bodyMatches, SnippetLength), found);
    }

    private static string Snippet(string text, List<(int Start, int End, string Word)> matches, int length)
    {
        if (text.Length <= length)
        {
            return Render(text, 0, text.Length, matches);
        }

        // Slide a window over the matches; keep the one covering the most distinct words.
        var bestStart = 0;
        var bestScore = -1;
        foreach (var (start, _, _) in matches)
        {
            var windowStart = Math.Max(0, start - (length / 4));
            var score = matches.Where(m => m.Start >= windowStart && m.End <= windowStart + length).Select(m => m.Word).Distinct().Count();
            if (score > bestScore)
            {
                bestScore = score;
                bestStart = windowStart;
            }
        }

        var end = Math.Min(text.Length, bestStart + length);
        bestStart = Math.Max(0, Math.Min(bestStart, end - length));
        var html = Render(text, bestStart, end, matches);
        return (bestStart > 0 ? "…" : "") + html + (end < text.Length ? "…" : "");
    }

    /// <summary>Which of <paramref name="words"/> occur in <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Found(string text, IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FindMatches(text, words).Select(m => m.Word).Distinct().ToList();
    }

    private static List<(int Start, int End, string Word)> FindMatches(string text, IReadOnlyCollection<string> words)
    {
        var (normalized, starts, ends) = NormalizeWithMap(text);
        var found = new List<(int Start, int End, string Word)>();
        foreach (var word in words.Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length))
        {
            for (var at = normalized.IndexOf(word, StringComparison.Ordinal); at >= 0; at = normalized.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                var start = starts[at];
                var end = ends[at + word.Length - 1];
                if (!found.Any(f => f.Start < end && start < f.End))
                {
                    found.Add((start, end, word));
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>NFKC + lower case, character by character, remembering the source span of each normalised character.</summary>
    private static (string Text, List<int> Starts, List<int> Ends) NormalizeWithMap(string text)
    {
        var builder = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var current = text[i];
            if (!char.IsSurrogate(current) && (i + 1 >= text.Length || text[i + 1] is not ('\uFF9E' or '\uFF9F' or '\u3099' or '\u309A'))
                && NormalChar(current) is var normal && normal != NotOneChar)
            {
                // One character that normalises to one character (most of every article): no allocation.
                builder.Append(normal);
                starts.Add(i);
                ends.Add(i + 1);
                continue;
            }

            var length = char.IsHighSurrogate(current) && i + 1 < text.Length ? 2 : 1;

            // Half-width voiced marks (ﾊﾟ) and combining marks compose with the character before them.
            while (i + length < text.Length && text[i + length] is '\uFF9E' or '\uFF9F' or '\u3099' or '\u309A')
            {
                length++;
            }

            var piece = JapaneseText.Normalize(text.Substring(i, length));
            foreach (var c in piece)
            {
                builder.Append(c);
                starts.Add(i);
                ends.Add(i + length);
            }

            i += length - 1;
        }

        return (builder.ToString(), starts, ends);
    }

    private const char NotOneChar = '\uFFFF';

    /// <summary>What <see cref="JapaneseText.Normalize"/> makes of each character alone, when that is one character; 0 when not yet known.</summary>
    private static readonly char[] NormalChars = new char[char.MaxValue + 1];

    /// <summary>
    /// The normal form of a lone (non-surrogate) character, or <see cref="NotOneChar"/> when it normalises to
    /// several or none. Computed once per character and remembered: punctuation, spaces and capitals would
    /// otherwise cost two strings each time. Races only write the same value twice.
    /// </summary>
    private static char NormalChar(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9' or >= '\u3041' and <= '\u3096' or >= '\u30A1' and <= '\u30FA' or >= '\u4E00' and <= '\u9FFF')
        {
            return c;
        }

        var known = NormalChars[c];
        if (known == '\0' && c != '\0')
        {
            var normal = JapaneseText.Normalize(c.ToString());
            known = normal.Length == 1 && normal[0] != NotOneChar ? normal[0] : NotOneChar;
            NormalChars[c] = known;
        }

        return c == '\0' ? NotOneChar : known;
    }

    private static string Render(string text, int from, int to, List<(int Start, int End, string Word)> matches)
    {
        var html = new StringBuilder();
        var position = from;
        foreach (var (start, end, _) in matches)
        {
            if (start < from || end > to)
            {
                continue;
            }

            html.Append(Encoder.Encode(text[position..start]));
            html.Append("<mark>").Append(Encoder.Encode(text[start..end])).Append("</mark>");
            position = end;
        }

        html.Append(Encoder.Encode(text[position..to]));
        return html.ToString();
    }
}
