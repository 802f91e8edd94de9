using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Requests;

/// <summary>A request for an operator: from the contact flow (email, phone callback) or a security report.</summary>
public sealed class SupportRequest
{
    public const int DescriptionMaxLength = 5000;

    public int Id { get; set; }

    /// <summary>Readable reference given to the customer, e.g. <c>HC-20261128-0042</c>.</summary>
    public required string Reference { get; set; }

    public RequestChannel Channel { get; set; }

    public RequestPriority Priority { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>Topic: a category id, or <c>takeover</c> / <c>phishing</c> for security reports.</summary>
    public required string Topic { get; set; }

    public required string Language { get; set; }

    /// <summary>The signed-in customer who made it, if any.</summary>
    public string? UserId { get; set; }

    public required string Email { get; set; }

    public string? Name { get; set; }

    public required string Description { get; set; }

    /// <summary>Facts gathered by the system (not typed by the customer), as JSON.</summary>
    public string? SystemContextJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum RequestChannel
{
    Email,
    Callback,
    Chat,
    Security,
}

public enum RequestPriority
{
    Normal,
    High,
}

public enum RequestStatus
{
    New,
    Open,
    WaitingOnCustomer,
    Solved,
}

internal sealed class SupportRequestConfiguration : IEntityTypeConfiguration<SupportRequest>
{
    public void Configure(EntityTypeBuilder<SupportRequest> builder)
    {
        builder.Property(r => r.Reference).HasMaxLength(32);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.Topic).HasMaxLength(64);
        builder.Property(r => r.Language).HasMaxLength(8);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Description).HasMaxLength(SupportRequest.DescriptionMaxLength);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => r.UserId);
    }
}
