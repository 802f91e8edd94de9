using Microsoft.AspNetCore.Identity;

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

    /// <summary>The name others see (operators sign their messages with it): the display name, else the address.</summary>
    public string ShownName => DisplayName ?? Email ?? UserName ?? Id;
}
