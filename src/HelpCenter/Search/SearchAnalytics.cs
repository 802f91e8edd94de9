using System.Text.RegularExpressions;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Search.Analysis;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Search;

/// <summary>Records searches and clicked results.</summary>
public sealed partial class SearchAnalytics(HelpCenterDbContext db, TimeProvider clock)
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

    public async Task<long> RecordSearchAsync(string query, string language, string? category, int resultCount, string source, string sessionId, CancellationToken cancellationToken)
    {
        var log = new SearchLog
        {
            CreatedAt = clock.GetUtcNow(),
            Query = Scrub(query),
            Language = language,
            Category = category,
            ResultCount = resultCount,
            Source = source,
            SessionId = sessionId,
        };
        db.SearchLogs.Add(log);
        await db.SaveChangesAsync(cancellationToken);
        return log.Id;
    }

    /// <summary>Marks the result opened from search <paramref name="searchId"/>; only the session that searched can.</summary>
    public async Task<SearchLog?> RecordClickAsync(long searchId, string sessionId, string slug, int rank, CancellationToken cancellationToken)
    {
        var log = await db.SearchLogs.FirstOrDefaultAsync(s => s.Id == searchId && s.SessionId == sessionId, cancellationToken);
        if (log is null)
        {
            return null;
        }

        // The first click is the one that tells whether the ranking worked.
        if (log.ClickedSlug is null)
        {
            log.ClickedSlug = slug;
            log.ClickedRank = rank;
            await db.SaveChangesAsync(cancellationToken);
        }

        return log;
    }
}
