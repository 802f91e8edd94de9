using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpCenter.Accounts;

/// <summary>A help-center account: a customer or a member of staff (see <see cref="Roles"/>).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>Shown to operators and in mail greetings; optional.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Language for mail (ja, en or zh); the one the customer used when registering.</summary>
    public string PreferredLanguage { get; set; } = Localization.Languages.Default;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set while the account is frozen (suspected takeover): no sign-in until staff unfreeze it.</summary>
    public DateTimeOffset? FrozenAt { get; set; }

    public bool IsFrozen => FrozenAt is not null;

    /// <summary>The last authenticator time step accepted (30 s each): a code is good once, and never one older.</summary>
    public long? LastTotpStep { get; set; }

    /// <summary>Failed sign-ins from browsers this account does not know (see <see cref="SignInThrottle"/>).</summary>
    public int SignInFailures { get; set; }

    /// <summary>Until when sign-ins from browsers this account does not know must wait.</summary>
    public DateTimeOffset? SignInDelayedUntil { get; set; }

    /// <summary>The name others see (operators sign their messages with it): the display name, else the address.</summary>
    public string ShownName => DisplayName ?? Email ?? UserName ?? Id;
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder) =>
        builder.Property(u => u.SignInDelayedUntil).HasConversion<Infrastructure.Data.UtcTicksConverter>();
}
