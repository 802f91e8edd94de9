using System.Text.Json;

namespace HelpCenter.Requests;

/// <summary>The system-verified context of a request. <see cref="BrowserTimeZone"/> is reported by the browser.</summary>
public sealed record RequestContext(
    string? StartPage,
    string Language,
    string Browser,
    string OperatingSystem,
    string UserAgent,
    string? BrowserTimeZone,
    IReadOnlyList<string> RecentSearches,
    IReadOnlyList<string> RecentArticles,
    IReadOnlyList<string> SuggestionsShown,
    IReadOnlyList<string> SuggestionsOpened,
    AccountFacts? Account)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static string Serialize(RequestContext context) => JsonSerializer.Serialize(context, JsonOptions);

    /// <summary>The context stored with a request, or null when there is none or it cannot be read.</summary>
    public static RequestContext? Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RequestContext>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public sealed record AccountFacts(string Id, string Email, bool TwoFactor, bool Frozen, IReadOnlyList<SignInFact> RecentSignIns);

public sealed record SignInFact(DateTimeOffset At, string Outcome, string? IpAddress, string? Browser);
