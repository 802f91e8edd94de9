using HelpCenter.Analytics;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Search;

/// <summary>
/// One search, for analytics: what was searched (normalised, with e-mail addresses and long numbers
/// removed), in which language, how many results, and which result was opened at which rank.
/// The session is the anonymous visitor cookie; nothing identifies a person.
/// </summary>
public sealed class SearchLog : IAnalyticsEvent
{
    public const int QueryMaxLength = 200;

    public long Id { get; set; }

    /// <summary>Names the search in result links (<c>/search/click?s=</c>) before the row is written: searches are
    /// written in batches, off the request path.</summary>
    public Guid Key { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Query { get; set; }

    public required string Language { get; set; }

    public string? Category { get; set; }

    public int ResultCount { get; set; }

    /// <summary>"page" (the results page) or "api".</summary>
    public required string Source { get; set; }

    public required string SessionId { get; set; }

    public string? ClickedSlug { get; set; }

    /// <summary>1-based rank of the opened result.</summary>
    public int? ClickedRank { get; set; }

    public Task StageAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.SearchLogs.Add(this);
        return Task.CompletedTask;
    }
}

/// <summary>A result opened from a search's results: the first one is kept on the search (it tells whether the ranking
/// worked); only the session that searched can set it.</summary>
public sealed record SearchClick(Guid SearchKey, string SessionId, string Slug, int Rank) : IAnalyticsEvent
{
    public async Task StageAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var log = db.SearchLogs.Local.FirstOrDefault(s => s.Key == SearchKey)
            ?? await db.SearchLogs.FirstOrDefaultAsync(s => s.Key == SearchKey, cancellationToken);
        if (log is { ClickedSlug: null } && log.SessionId == SessionId)
        {
            log.ClickedSlug = Slug;
            log.ClickedRank = Rank;
        }
    }
}

internal sealed class SearchLogConfiguration : IEntityTypeConfiguration<SearchLog>
{
    public void Configure(EntityTypeBuilder<SearchLog> builder)
    {
        builder.Property(s => s.Query).HasMaxLength(SearchLog.QueryMaxLength);
        builder.Property(s => s.Language).HasMaxLength(8);
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.Source).HasMaxLength(8);
        builder.Property(s => s.SessionId).HasMaxLength(64);
        builder.Property(s => s.ClickedSlug).HasMaxLength(100);
        builder.HasIndex(s => s.Key).IsUnique();
        builder.HasIndex(s => s.CreatedAt);
        builder.HasIndex(s => s.SessionId);
    }
}
