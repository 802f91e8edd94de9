using HelpCenter.Localization;

namespace HelpCenter.Articles;

/// <summary>A topic from <c>content/categories.yml</c>, or one made up for an id that file does not list.</summary>
public sealed record Category(
    string Id,
    int Order,
    string Icon,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyDictionary<string, string> Descriptions,
    bool Listed)
{
    public string Name(string language) =>
        Names.GetValueOrDefault(language) ?? Names.GetValueOrDefault(Languages.Default) ?? Id;

    public string Description(string language) =>
        Descriptions.GetValueOrDefault(language) ?? Descriptions.GetValueOrDefault(Languages.Default) ?? "";

    public const string DefaultIcon = "folder";

    public string IconUrl => $"/icons/{Icon}.svg";

    public static Category Unlisted(string id) =>
        new(id, int.MaxValue, DefaultIcon, new Dictionary<string, string>(), new Dictionary<string, string>(), Listed: false);
}
