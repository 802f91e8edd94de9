using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Insights;

/// <summary>A failed query an editor looked at and decided needs nothing ("dismiss"): it leaves the lists of failed
/// searches of its language until an editor restores it.</summary>
public sealed class DismissedQuery
{
    public long Id { get; set; }

    public required string Language { get; set; }

    /// <summary>The query's normalised form (<see cref="SearchInsights.Normalize"/>).</summary>
    public required string Key { get; set; }

    public DateTimeOffset DismissedAt { get; set; }

    public required string DismissedBy { get; set; }
}

internal sealed class DismissedQueryConfiguration : IEntityTypeConfiguration<DismissedQuery>
{
    public void Configure(EntityTypeBuilder<DismissedQuery> builder)
    {
        builder.Property(d => d.Language).HasMaxLength(8);
        builder.Property(d => d.Key).HasMaxLength(Search.SearchLog.QueryMaxLength);
        builder.Property(d => d.DismissedBy).HasMaxLength(256);
        builder.HasIndex(d => new { d.Language, d.Key }).IsUnique();
    }
}
