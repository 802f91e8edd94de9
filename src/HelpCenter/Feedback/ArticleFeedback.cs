using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Feedback;

/// <summary>A visitor's "Was this helpful?" answer for one article in one language. One per visitor and article.</summary>
public sealed class ArticleFeedback
{
    public const int CommentMaxLength = 1000;

    public long Id { get; set; }

    public required string Language { get; set; }

    public required string Slug { get; set; }

    /// <summary>The anonymous visitor cookie's value; never an account id or IP address.</summary>
    public required string VisitorId { get; set; }

    public bool Helpful { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When an editor marked the comment as dealt with (insights' "done"); a new comment clears it.</summary>
    public DateTimeOffset? CommentDoneAt { get; set; }
}

internal sealed class ArticleFeedbackConfiguration : IEntityTypeConfiguration<ArticleFeedback>
{
    public void Configure(EntityTypeBuilder<ArticleFeedback> builder)
    {
        builder.Property(f => f.Language).HasMaxLength(8);
        builder.Property(f => f.Slug).HasMaxLength(100);
        builder.Property(f => f.VisitorId).HasMaxLength(64);
        builder.Property(f => f.Comment).HasMaxLength(ArticleFeedback.CommentMaxLength);
        builder.HasIndex(f => new { f.Language, f.Slug, f.VisitorId }).IsUnique();
        builder.HasIndex(f => f.UpdatedAt);
    }
}
