using HelpCenter.Articles;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HelpCenter.Chat;

/// <summary>
/// Canned replies from <c>content/canned-replies.yml</c>, maintained by editors like articles: read at start and
/// again whenever the content watcher reloads the content folder. A broken file is logged with its line and the
/// previous replies stay in use.
/// </summary>
public sealed class CannedReplies
{
    public const string FileName = "canned-replies.yml";

    private readonly string _path;
    private readonly ILogger<CannedReplies> _logger;
    private IReadOnlyList<Entry> _entries = [];

    public CannedReplies(ContentStore content, ILogger<CannedReplies> logger)
    {
        ArgumentNullException.ThrowIfNull(content);
        _path = Path.Combine(content.ContentRoot, FileName);
        _logger = logger;
        Load();
        content.Reloaded += _ => Load();
    }

    /// <summary>The replies in the chat's language with the placeholders filled in. A customer who gave no name gets
    /// the entry's <c>unnamed</c> text when it has one, else <c>{customer}</c> becomes the language's polite default.</summary>
    public IReadOnlyList<CannedReply> For(Requests.SupportRequest request, string agent)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = request.Language;
        var customer = string.IsNullOrWhiteSpace(request.Name) ? UnnamedCustomer(language) : request.Name;
        return Volatile.Read(ref _entries)
            .Where(e => e.Text.ContainsKey(language))
            .Select(e =>
            {
                var text = string.IsNullOrWhiteSpace(request.Name) && e.Unnamed.GetValueOrDefault(language) is { Length: > 0 } unnamed ? unnamed : e.Text[language];
                return new CannedReply(e.Id, e.Title.GetValueOrDefault(language) ?? e.Id,
                    text.Replace("{customer}", customer, StringComparison.Ordinal).Replace("{agent}", agent, StringComparison.Ordinal)
                        .Replace("{reference}", request.Reference, StringComparison.Ordinal));
            })
            .ToList();
    }

    /// <summary>What <c>{customer}</c> becomes without a name: ja "お客" (the templates add 様), en "there" ("Hello there"),
    /// zh nothing ("您好").</summary>
    public static string UnnamedCustomer(string language) => language switch
    {
        "en" => "there",
        "zh" => "",
        _ => "お客",
    };

    private void Load()
    {
        try
        {
            Volatile.Write(ref _entries, File.Exists(_path) ? Parse(File.ReadAllText(_path)) : []);
        }
        catch (YamlException e)
        {
            _logger.LogError("{File}:{Line}: {Problem}; the previous canned replies stay in use", _path, e.Start.Line, e.Message);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "{File} could not be read; the previous canned replies stay in use", _path);
        }
    }

    public static IReadOnlyList<Entry> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        return (deserializer.Deserialize<List<Entry>?>(yaml) ?? [])
            .Where(e => !string.IsNullOrWhiteSpace(e.Id) && e.Text.Count > 0)
            .ToList();
    }

    public sealed class Entry
    {
        public string Id { get; set; } = "";

        public Dictionary<string, string> Title { get; set; } = [];

        public Dictionary<string, string> Text { get; set; } = [];

        /// <summary>The text to use instead when the customer gave no name, per language (optional).</summary>
        public Dictionary<string, string> Unnamed { get; set; } = [];
    }
}

public sealed record CannedReply(string Id, string Title, string Text);
