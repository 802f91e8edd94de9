using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Accounts;

/// <summary>
/// Failed sign-ins for an address that has no account, counted like an account's (<see cref="SignInThrottle"/>) so that
/// delays do not reveal which addresses have one. In the database, so every instance counts into the same row; the
/// address is kept only as a hash (it may be someone's real address). A row whose last failure is older than
/// <see cref="Window"/> starts again from one, and such rows are swept when a new address fails.
/// </summary>
public sealed class UnknownSignIn
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>SHA-256 (hex) of the trimmed, upper-cased address.</summary>
    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? DelayedUntil { get; set; }

    public static string KeyOf(string email) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((email ?? "").Trim().ToUpperInvariant())));
}

internal sealed class UnknownSignInConfiguration : IEntityTypeConfiguration<UnknownSignIn>
{
    public void Configure(EntityTypeBuilder<UnknownSignIn> builder)
    {
        builder.HasKey(u => u.Key);
        builder.Property(u => u.Key).HasMaxLength(64);
        builder.Property(u => u.LastFailureAt).HasConversion<Infrastructure.Data.UtcTicksConverter>();
        builder.Property(u => u.DelayedUntil).HasConversion<Infrastructure.Data.UtcTicksConverter>();
        builder.HasIndex(u => u.LastFailureAt);
    }
}
