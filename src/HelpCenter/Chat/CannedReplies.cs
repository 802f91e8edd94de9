using HelpCenter.Articles;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace HelpCenter.Chat;

/// <summary>
/// Canned replies from <c>content/canned-replies.yml</c>, maintained by editors like articles. Read again when the
/// file changes; a broken file is logged with its line and the previous replies stay in use.
/// </summary>
public sealed class CannedReplies(ContentStore content, ILogger<CannedReplies> logger)
{
    public const string FileName = "canned-replies.yml";

    private readonly Lock _lock = new();
    private (DateTime Written, IReadOnlyList<Entry> Entries) _cache = (DateTime.MinValue, []);

    /// <summary>The replies in the chat's language with the placeholders filled in.</summary>
    public IReadOnlyList<CannedReply> For(Requests.SupportRequest request, string agent)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = request.Name ?? request.Language switch
        {
            "en" => "customer",
            "zh" => "客户",
            _ => "お客",
        };
        return For(request.Language, customer, agent, request.Reference);
    }

    private IReadOnlyList<CannedReply> For(string language, string customer, string agent, string reference) =>
        Load()
            .Where(e => e.Text.ContainsKey(language))
            .Select(e => new CannedReply(e.Id, e.Title.GetValueOrDefault(language) ?? e.Id,
                e.Text[language].Replace("{customer}", customer, StringComparison.Ordinal).Replace("{agent}", agent, StringComparison.Ordinal)
                    .Replace("{reference}", reference, StringComparison.Ordinal)))
            .ToList();

    private IReadOnlyList<Entry> Load()
    {
        var path = Path.Combine(content.ContentRoot, FileName);
        var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        lock (_lock)
        {
            if (written == _cache.Written)
            {
                return _cache.Entries;
            }

            try
            {
                var entries = written == DateTime.MinValue ? [] : Parse(File.ReadAllText(path));
                _cache = (written, entries);
            }
            catch (YamlException e)
            {
                logger.LogError("{File}:{Line}: {Problem}; the previous canned replies stay in use", path, e.Start.Line, e.Message);
                _cache = (written, _cache.Entries);
            }

            return _cache.Entries;
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
    }
}

public sealed record CannedReply(string Id, string Title, string Text);
