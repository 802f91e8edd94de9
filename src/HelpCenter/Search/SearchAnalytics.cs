using System.Text.RegularExpressions;
using HelpCenter.Analytics;
using HelpCenter.Search.Analysis;

namespace HelpCenter.Search;

/// <summary>Records searches and clicked results, through the analytics queue (never in the request).</summary>
public sealed partial class SearchAnalytics(AnalyticsQueue queue, TimeProvider clock)
{
    [GeneratedRegex(@"[^\s@]+@[^\s@]+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\d[\d\- ]{5,}\d")]
    private static partial Regex LongNumber();

    /// <summary>The query as stored: normalised, without e-mail addresses or long numbers (account, phone, card numbers).</summary>
    public static string Scrub(string query)
    {
        var normalized = JapaneseText.Normalize(QueryBuilder.Clean(query));
        normalized = Email().Replace(normalized, "[email]");
        normalized = LongNumber().Replace(normalized, "[number]");
        return normalized.Length > SearchLog.QueryMaxLength ? normalized[..SearchLog.QueryMaxLength] : normalized;
    }

    /// <summary>Queues the search; returns its key for the result links.</summary>
    public Guid RecordSearch(string query, string language, string? category, int resultCount, string source, string sessionId)
    {
        var log = new SearchLog
        {
            Key = Guid.NewGuid(),
            CreatedAt = clock.GetUtcNow(),
            Query = Scrub(query),
            Language = language,
            Category = category,
            ResultCount = resultCount,
            Source = source,
            SessionId = sessionId,
        };
        queue.Add(log);
        return log.Key;
    }

    /// <summary>Queues the opening of a result of search <paramref name="searchKey"/>.</summary>
    public void RecordClick(Guid searchKey, string sessionId, string slug, int rank) =>
        queue.Add(new SearchClick(searchKey, sessionId, slug, rank));
}
