using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

    /// <summary>Exchange account number typed by the customer, normalised (LX12345678).</summary>
    public string? AccountNumber { get; set; }

    /// <summary>Order, deposit/withdrawal or transaction ids typed by the customer, validated, one per line.</summary>
    public string? TransactionIds { get; set; }

    /// <summary>Phone number for a callback, E.164.</summary>
    public string? Phone { get; set; }

    /// <summary>Preferred callback window (morning, afternoon, evening, any).</summary>
    public string? CallbackWindow { get; set; }

    /// <summary>Attached screenshots (stored as one JSON column); served to staff and, for chat images, to the chat's owner.</summary>
    public List<StoredScreenshot> Screenshots { get; set; } = [];

    /// <summary>The contact flow this request came from, if any.</summary>
    public Guid? FlowId { get; set; }

    /// <summary>Set by the form: a second submission with the same key returns the first request.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>The operator the request is assigned to.</summary>
    public string? AssignedToId { get; set; }

    public List<RequestMessage> Messages { get; set; } = [];

    /// <summary>Chat: when it joined the operators' queue (null while articles are still offered to the customer).</summary>
    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>Chat: when the current operator took it.</summary>
    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>Chat: how it ended (<see cref="Chat.ChatResolutions"/>).</summary>
    public string? Resolution { get; set; }

    /// <summary>Chat: the last sequence the customer has seen ("read" marks on the operator's side).</summary>
    public int CustomerReadSequence { get; set; }

    /// <summary>Chat: the last sequence an operator has seen ("read" marks on the customer's side).</summary>
    public int AgentReadSequence { get; set; }

    /// <summary>Satisfaction survey after a chat: 1-5.</summary>
    public int? SurveyRating { get; set; }

    /// <summary>Survey: "was your problem solved?"</summary>
    public bool? SurveySolved { get; set; }

    public string? SurveyComment { get; set; }

    /// <summary>Chat: when the transcript was last mailed (at most once an hour).</summary>
    public DateTimeOffset? TranscriptMailedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A chat that has ended: read-only.</summary>
    public bool IsEndedChat => Channel == RequestChannel.Chat && Status == RequestStatus.Solved;

    /// <summary>Started as a chat: the question is also the conversation's first message, so a chat continued by email
    /// shows it once (the timeline starts with the messages, not with the description).</summary>
    public bool QuestionIsFirstMessage => Messages.Count > 0 && Messages.MinBy(m => m.Sequence) is { Kind: MessageKind.Customer } first
        && first.ClientId?.StartsWith("first-", StringComparison.Ordinal) == true && first.Body == Description;
}

public enum RequestChannel
{
    Email,
    Callback,
    Chat,
    Security,
    Phone,
}

/// <summary>One entry of a request's conversation: the customer's text, an operator's reply, an internal note.</summary>
public sealed class RequestMessage
{
    public const int BodyMaxLength = 10_000;

    public long Id { get; set; }

    public int RequestId { get; set; }

    /// <summary>1, 2, 3... within the request: the order everyone sees, and what a reconnecting client asks after.</summary>
    public int Sequence { get; set; }

    /// <summary>Id chosen by the sending client; sending the same id again returns the stored message (no duplicate).</summary>
    public string? ClientId { get; set; }

    public MessageKind Kind { get; set; }

    public string? AuthorId { get; set; }

    public string? AuthorName { get; set; }

    public required string Body { get; set; }

    /// <summary>An image sent in a chat: the id of a <see cref="StoredScreenshot"/> listed on the request (the body holds its file name).</summary>
    public string? AttachmentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public enum MessageKind
{
    Customer,
    Agent,

    /// <summary>Internal note: never shown to the customer.</summary>
    Note,
    System,
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
        builder.HasIndex(r => r.CreatedAt);
        builder.HasIndex(r => r.UserId);
        builder.Property(r => r.AccountNumber).HasMaxLength(16);
        builder.Property(r => r.TransactionIds).HasMaxLength(1000);
        builder.Property(r => r.Phone).HasMaxLength(20);
        builder.Property(r => r.CallbackWindow).HasMaxLength(16);
        // One JSON column, read once when the request is loaded. A value converter rather than a JSON complex
        // collection: EF Core 10 leaves such a collection null after Entry.Reload (used after bulk updates).
        builder.Property(r => r.Screenshots)
            .HasColumnName("ScreenshotsJson")
            .HasConversion(
                list => JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
                json => JsonSerializer.Deserialize<List<StoredScreenshot>>(json, (JsonSerializerOptions?)null) ?? new List<StoredScreenshot>(),
                new ValueComparer<List<StoredScreenshot>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode())),
                    list => list.ToList()))
            .HasMaxLength(4000);
        builder.Ignore(r => r.IsEndedChat);
        builder.Property(r => r.SurveyComment).HasMaxLength(1000);
        builder.Property(r => r.TranscriptMailedAt).HasConversion<Infrastructure.Data.UtcTicksConverter>();
        builder.Property(r => r.IdempotencyKey).HasMaxLength(64);
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        builder.Property(r => r.AssignedToId).HasMaxLength(450);
        builder.HasIndex(r => new { r.Channel, r.Status, r.AssignedToId });
        builder.Property(r => r.Resolution).HasMaxLength(32);
        builder.HasMany(r => r.Messages).WithOne().HasForeignKey(m => m.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestMessageConfiguration : IEntityTypeConfiguration<RequestMessage>
{
    public void Configure(EntityTypeBuilder<RequestMessage> builder)
    {
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.AuthorName).HasMaxLength(100);
        builder.Property(m => m.Body).HasMaxLength(RequestMessage.BodyMaxLength);
        builder.HasIndex(m => new { m.RequestId, m.Sequence }).IsUnique();
        builder.Property(m => m.ClientId).HasMaxLength(64);
        builder.Property(m => m.AttachmentId).HasMaxLength(64);
        builder.HasIndex(m => new { m.RequestId, m.ClientId }).IsUnique();

        // Insights' support page reads each request's first operator reply and last message: one index seek each.
        builder.HasIndex(m => new { m.RequestId, m.Kind, m.CreatedAt });
    }
}
