using HelpCenter.Infrastructure.Data;
using HelpCenter.Analytics;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Contact;

/// <summary>
/// One pass through the contact flow, for the deflection funnel: started, suggestions shown, opened, "this solved
/// it", escalated to a channel. The flow id travels between steps inside a data-protected token.
/// </summary>
public sealed class ContactFlow
{
    public const int QuestionMaxLength = 2000;

    public const int StartPageMaxLength = 300;

    public Guid Id { get; set; }

    public required string VisitorId { get; set; }

    public string? UserId { get; set; }

    public required string Language { get; set; }

    public string? Topic { get; set; }

    /// <summary>The local page the customer came from.</summary>
    public string? StartPage { get; set; }

    public string? Question { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Slugs offered so far, one per line.</summary>
    public string? ShownSlugs { get; set; }

    /// <summary>Slugs opened from the suggestions, one per line.</summary>
    public string? OpenedSlugs { get; set; }

    public DateTimeOffset? SolvedAt { get; set; }

    public string? SolvedSlug { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public RequestChannel? EscalatedChannel { get; set; }

    public int? RequestId { get; set; }
}

/// <summary>An article view, so that a request can say which articles the customer read before asking. Written
/// through the analytics pipeline, off the request path.</summary>
public sealed class ArticleView : IAnalyticsEvent
{
    public long Id { get; set; }

    public required string VisitorId { get; set; }

    public required string Slug { get; set; }

    public required string Language { get; set; }

    public DateTimeOffset At { get; set; }

    public Task StageAsync(HelpCenterDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ArticleViews.Add(this);
        return Task.CompletedTask;
    }
}

internal sealed class ContactFlowConfiguration : IEntityTypeConfiguration<ContactFlow>, IEntityTypeConfiguration<ArticleView>
{
    public void Configure(EntityTypeBuilder<ContactFlow> builder)
    {
        builder.Property(f => f.VisitorId).HasMaxLength(64);
        builder.Property(f => f.UserId).HasMaxLength(450);
        builder.Property(f => f.Language).HasMaxLength(8);
        builder.Property(f => f.Topic).HasMaxLength(64);
        builder.Property(f => f.StartPage).HasMaxLength(ContactFlow.StartPageMaxLength);
        builder.Property(f => f.Question).HasMaxLength(ContactFlow.QuestionMaxLength);
        builder.Property(f => f.ShownSlugs).HasMaxLength(4000);
        builder.Property(f => f.OpenedSlugs).HasMaxLength(4000);
        builder.Property(f => f.SolvedSlug).HasMaxLength(100);
        builder.Property(f => f.EscalatedChannel).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(f => f.StartedAt);
        builder.HasIndex(f => f.VisitorId);
        builder.HasIndex(f => f.EscalatedAt);
    }

    public void Configure(EntityTypeBuilder<ArticleView> builder)
    {
        builder.Property(v => v.VisitorId).HasMaxLength(64);
        builder.Property(v => v.Slug).HasMaxLength(100);
        builder.Property(v => v.Language).HasMaxLength(8);
        builder.HasIndex(v => new { v.VisitorId, v.Id });
        builder.HasIndex(v => v.At);
    }
}
