using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Search;

/// <summary>
/// One search, for analytics: what was searched (normalised, with e-mail addresses and long numbers
/// removed), in which language, how many results, and which result was opened at which rank.
/// The session is the anonymous visitor cookie; nothing identifies a person.
/// </summary>
public sealed class SearchLog
{
    public const int QueryMaxLength = 200;

    public long Id { get; set; }

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
        builder.HasIndex(s => s.CreatedAt);
        builder.HasIndex(s => s.SessionId);
    }
}
