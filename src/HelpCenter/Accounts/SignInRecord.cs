using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Accounts;

/// <summary>One sign-in attempt on an existing account, shown to its owner under "Sign-in history".</summary>
public sealed class SignInRecord
{
    public const int UserAgentMaxLength = 300;

    public long Id { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset At { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public SignInOutcome Outcome { get; set; }

    /// <summary>The first successful sign-in from this browser (a notification mail was sent).</summary>
    public bool NewBrowser { get; set; }

    /// <summary>When the owner answered the new-sign-in mail with "this wasn't me": the mail's link works once.</summary>
    public DateTimeOffset? ReportedAt { get; set; }
}

public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    WrongSecondFactor,
    LockedOut,
    NotAllowed,
    Frozen,
    SecondFactorRequired,
}

/// <summary>A browser that has signed in to an account before (a hash of the <c>hc_browser</c> cookie).</summary>
public sealed class KnownBrowser
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string BrowserHash { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Failed sign-ins from this browser: the owner's own count, apart from strangers' (see <see cref="SignInThrottle"/>).</summary>
    public int SignInFailures { get; set; }

    public DateTimeOffset? SignInDelayedUntil { get; set; }
}

internal sealed class SignInRecordConfiguration : IEntityTypeConfiguration<SignInRecord>, IEntityTypeConfiguration<KnownBrowser>
{
    public void Configure(EntityTypeBuilder<SignInRecord> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.IpAddress).HasMaxLength(64);
        builder.Property(r => r.UserAgent).HasMaxLength(SignInRecord.UserAgentMaxLength);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.ReportedAt).HasConversion<Infrastructure.Data.UtcTicksConverter>();
        builder.HasIndex(r => new { r.UserId, r.At });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<KnownBrowser> builder)
    {
        builder.Property(b => b.UserId).HasMaxLength(450);
        builder.Property(b => b.BrowserHash).HasMaxLength(64);
        builder.HasIndex(b => new { b.UserId, b.BrowserHash }).IsUnique();
        builder.Property(b => b.SignInDelayedUntil).HasConversion<Infrastructure.Data.UtcTicksConverter>();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
