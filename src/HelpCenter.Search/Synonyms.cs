using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>
/// Editor-maintained synonyms, expanded at query time. One rule per line:
/// <c>2FA, 二段階認証, 二要素認証</c> (all equivalent) or <c>PW忘れ, パスワード忘れた =&gt; パスワード 再設定</c>
/// (what customers type =&gt; what articles say). A line <c>[ja]</c>, <c>[en]</c> or <c>[zh]</c> starts the rules
/// for searches in that language (<c>[all]</c>: every language, the default). Lines starting with <c>#</c> are comments.
/// </summary>
public sealed class SynonymSet
{
    /// <summary>At most this many alternatives are added to one query.</summary>
    public const int MaxExpansions = 8;

    /// <summary>Shortest Latin trigger that also matches its typos.</summary>
    public const int MinFuzzyTrigger = 7;

    private static readonly string[] Sections = ["all", "ja", "en", "zh"];

    private readonly List<(string Language, string Trigger, string[] Expansions)> _rules;

    private SynonymSet(List<(string, string, string[])> rules) => _rules = rules;

    /// <summary>No synonyms.</summary>
    public static SynonymSet Empty { get; } = new([]);

    /// <summary>Number of trigger terms.</summary>
    public int Count => _rules.Count;

    /// <summary>Parses the file's text. Problems (line, message) are returned; the valid lines are used anyway.</summary>
    public static SynonymSet Parse(string text, out List<(int Line, string Message)> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        problems = [];
        var rules = new List<(string, string, string[])>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var language = "all";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                var section = line[1..^1].Trim().ToLowerInvariant();
                if (Sections.Contains(section))
                {
                    language = section;
                }
                else
                {
                    problems.Add((i + 1, $"unknown section '{line}': use [all], [ja], [en] or [zh]"));
                }

                continue;
            }

            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var left = Terms(arrow >= 0 ? line[..arrow] : line);
            var right = arrow >= 0 ? Terms(line[(arrow + 2)..]) : left;
            if (left.Length == 0 || right.Length == 0 || (arrow < 0 && left.Length < 2))
            {
                problems.Add((i + 1, "a rule needs at least two terms separated by commas, or 'a, b => c'"));
                continue;
            }

            foreach (var trigger in left)
            {
                rules.Add((language, trigger, right.Where(r => r != trigger).ToArray()));
            }
        }

        return new SynonymSet(rules);
    }

    /// <summary>The alternatives for every trigger found in the (normalised) query, longest triggers first.</summary>
    public IReadOnlyList<string> Expand(string normalizedQuery, string language) => Alternatives(Matches(normalizedQuery, language));

    /// <summary>The alternatives that <paramref name="matches"/> add to a query, each once, at most <see cref="MaxExpansions"/>.</summary>
    public static IReadOnlyList<string> Alternatives(IReadOnlyList<SynonymMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var result = new List<string>();
        foreach (var match in matches)
        {
            foreach (var alternative in match.Alternatives)
            {
                if (!result.Contains(alternative))
                {
                    result.Add(alternative);
                }
            }

            if (result.Count >= MaxExpansions)
            {
                break;
            }
        }

        return result.Take(MaxExpansions).ToList();
    }

    /// <summary>
    /// Every rule whose trigger is found in the (normalised) query, longest triggers first: where the trigger stands
    /// and the alternatives it adds (those the query does not already contain). A result is admitted through an
    /// alternative for the words of the query that the trigger covers.
    /// </summary>
    public IReadOnlyList<SynonymMatch> Matches(string normalizedQuery, string language)
    {
        ArgumentNullException.ThrowIfNull(normalizedQuery);
        var result = new List<SynonymMatch>();
        foreach (var (_, trigger, expansions) in _rules.Where(r => r.Language == "all" || r.Language == language).OrderByDescending(r => r.Trigger.Length))
        {
            if (Find(normalizedQuery, trigger) is not var (start, end))
            {
                continue;
            }

            var alternatives = expansions.Where(e => !normalizedQuery.Contains(e, StringComparison.Ordinal)).ToList();
            if (alternatives.Count > 0)
            {
                result.Add(new SynonymMatch(start, end, alternatives));
            }
        }

        return result;
    }

    private static IEnumerable<(int Start, string Word)> LatinWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return (start, text[start..i]);
                start = -1;
            }
        }
    }

    private static string[] Terms(string part) =>
        part.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(JapaneseText.Normalize)
            .Distinct()
            .ToArray();

    /// <summary>
    /// Where <paramref name="trigger"/> stands in <paramref name="text"/>, or null. Substring match; Latin triggers must
    /// also stand as whole words ("pw" is not in "pwa"), and a single Latin word of 7+ letters also matches a typo of it
    /// (1 edit, 2 from 10 letters). Shorter words are left exact: "change" is one edit from "charge", and would turn a
    /// password question into a fees question.
    /// </summary>
    private static (int Start, int End)? Find(string text, string trigger)
    {
        if (trigger.Length >= MinFuzzyTrigger && trigger.All(char.IsAsciiLetter))
        {
            var maxEdits = trigger.Length >= 10 ? 2 : 1;
            foreach (var (start, word) in LatinWords(text))
            {
                if (EditDistance.Within(word, trigger, maxEdits) <= maxEdits)
                {
                    return (start, start + word.Length);
                }
            }
        }

        for (var at = text.IndexOf(trigger, StringComparison.Ordinal); at >= 0; at = text.IndexOf(trigger, at + 1, StringComparison.Ordinal))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + trigger.Length >= text.Length ? ' ' : text[at + trigger.Length];
            var latinStart = char.IsAsciiLetterOrDigit(trigger[0]);
            var latinEnd = char.IsAsciiLetterOrDigit(trigger[^1]);
            if ((!latinStart || !char.IsAsciiLetterOrDigit(before)) && (!latinEnd || !char.IsAsciiLetterOrDigit(after)))
            {
                return (at, at + trigger.Length);
            }
        }

        return null;
    }
}

/// <summary>A synonym rule found in a query.</summary>
/// <param name="Start">Offset of the trigger in the normalised query.</param>
/// <param name="End">Offset after the trigger.</param>
/// <param name="Alternatives">What the rule adds, each a text of one or more words.</param>
public sealed record SynonymMatch(int Start, int End, IReadOnlyList<string> Alternatives);
