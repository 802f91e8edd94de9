using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Audit;

/// <summary>A security-relevant event, kept for admins. Never holds passwords, tokens or codes.</summary>
public sealed class AuditEvent
{
    public const int DetailMaxLength = 500;

    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    /// <summary>Who did it (null for anonymous visitors and the system).</summary>
    public string? ActorId { get; set; }

    /// <summary>The account it concerns, if any.</summary>
    public string? SubjectId { get; set; }

    public string? IpAddress { get; set; }

    public string? Detail { get; set; }
}

/// <summary>The kinds of audit events, as stored.</summary>
public static class AuditKinds
{
    public const string Registered = "account.registered";
    public const string EmailConfirmed = "account.email-confirmed";
    public const string SignedIn = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string LockedOut = "signin.locked-out";
    public const string SignedOut = "signin.signed-out";
    public const string SignedOutEverywhere = "signin.signed-out-everywhere";
    public const string PasswordChanged = "account.password-changed";
    public const string PasswordReset = "account.password-reset";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string EmailChanged = "account.email-changed";
    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorDisabled = "2fa.disabled";
    public const string RecoveryCodesGenerated = "2fa.recovery-codes-generated";
    public const string RecoveryCodeUsed = "2fa.recovery-code-used";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string Frozen = "account.frozen";
    public const string Unfrozen = "account.unfrozen";
    public const string Deleted = "account.deleted";
    public const string SecurityReport = "account.security-report";
    public const string AdminCreated = "account.admin-created";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRemoved = "passkey.removed";
    public const string ChatRetention = "chat.retention";
    public const string ArticleCreated = "article.created";
    public const string ArticleSaved = "article.saved";
    public const string ArticleSubmitted = "article.submitted";
    public const string ArticleApproved = "article.approved";
    public const string ArticlePublished = "article.published";
    public const string ArticleScheduled = "article.scheduled";
    public const string ArticleUnpublished = "article.unpublished";
    public const string ArticleRestored = "article.restored";
    public const string ArticleCommented = "article.commented";
    public const string ArticleImageUploaded = "article.image-uploaded";
    public const string SynonymsSaved = "synonyms.saved";

    public static readonly IReadOnlyList<string> All =
    [
        Registered, EmailConfirmed, SignedIn, SignInFailed, LockedOut, SignedOut, SignedOutEverywhere,
        PasswordChanged, PasswordReset, PasswordResetRequested, EmailChanged, TwoFactorEnabled, TwoFactorDisabled,
        RecoveryCodesGenerated, RecoveryCodeUsed, RoleGranted, RoleRevoked, Frozen, Unfrozen, Deleted, SecurityReport,
        AdminCreated, PasskeyAdded, PasskeyRemoved, ChatRetention,
        ArticleCreated, ArticleSaved, ArticleSubmitted, ArticleApproved, ArticlePublished, ArticleScheduled, ArticleUnpublished,
        ArticleRestored, ArticleCommented, ArticleImageUploaded, SynonymsSaved,
    ];
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.SubjectId).HasMaxLength(450);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(AuditEvent.DetailMaxLength);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.SubjectId, e.At });
    }
}
