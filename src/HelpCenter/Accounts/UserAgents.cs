using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using YamlDotNet.RepresentationModel;

namespace HelpCenter.Accounts;

/// <summary>
/// "Chrome on Android" from a User-Agent string, by uap-core's maintained rules (Accounts/UserAgentData): the first
/// rule that matches names the browser, the first OS rule the system, with uap-core's <c>$1</c> replacements.
/// Not hand-written rules: updating is dropping in a newer <c>regexes.yaml</c>. Rules are compiled on first use
/// and answers cached per string (a page shows at most 50 sign-ins).
/// </summary>
public static class UserAgents
{
    private static readonly Lazy<(Rule[] Browsers, Rule[] Systems)> Rules = new(Load);
    private static readonly ConcurrentDictionary<string, UserAgent> Cache = new(StringComparer.Ordinal);

    public static UserAgent Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new UserAgent(null, null);
        }

        if (Cache.TryGetValue(userAgent, out var known))
        {
            return known;
        }

        var (browsers, systems) = Rules.Value;
        var parsed = new UserAgent(First(browsers, userAgent), First(systems, userAgent));
        if (Cache.Count < 10_000)
        {
            Cache[userAgent] = parsed;
        }

        return parsed;
    }

    /// <summary>"Chrome on Android" in the localizer's language (<c>UserAgent.On</c>).</summary>
    public static string Describe(string? userAgent, Func<string, object[], string> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(userAgent) switch
        {
            { Browser: { } browser, System: { } system } => text("UserAgent.On", [browser, system]),
            { Browser: { } browser } => browser,
            { System: { } system } => system,
            _ => text("UserAgent.Unknown", []),
        };
    }

    public static string Describe(string? userAgent, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return Describe(userAgent, (key, arguments) => localizer[key, arguments].Value);
    }

    private static string? First(Rule[] rules, string userAgent)
    {
        foreach (var rule in rules)
        {
            Match match;
            try
            {
                match = rule.Pattern.Match(userAgent);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success)
            {
                continue;
            }

            var name = rule.Replacement is { } replacement
                ? Regex.Replace(replacement, @"\$(\d)", m => match.Groups[m.Groups[1].Value[0] - '0'].Value).Trim()
                : match.Groups[1].Value.Trim();
            return name is "" or "Other" ? null : name;
        }

        return null;
    }

    private static (Rule[], Rule[]) Load()
    {
        using var stream = typeof(UserAgents).Assembly.GetManifestResourceStream("HelpCenter.UserAgents.regexes.yaml")
            ?? throw new InvalidOperationException("The user-agent rules are not embedded.");
        using var reader = new StreamReader(stream);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (Read(root, "user_agent_parsers", "family_replacement"), Read(root, "os_parsers", "os_replacement"));
    }

    private static Rule[] Read(YamlMappingNode root, string section, string replacementKey) =>
        ((YamlSequenceNode)root.Children[new YamlScalarNode(section)]).Children.Cast<YamlMappingNode>().Select(node =>
        {
            string? Value(string key) => node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
            var options = RegexOptions.CultureInvariant | (Value("regex_flag") == "i" ? RegexOptions.IgnoreCase : RegexOptions.None);
            return new Rule(new Regex(Value("regex")!, options, TimeSpan.FromMilliseconds(100)), Value(replacementKey));
        }).ToArray();

    private sealed record Rule(Regex Pattern, string? Replacement);
}

/// <summary>Browser and operating system families (null when unknown).</summary>
public sealed record UserAgent(string? Browser, string? System);
