using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Accounts;

/// <summary>Accounts and sign-in, bound from <c>HelpCenter:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "HelpCenter:Accounts";

    /// <summary>Failed sign-ins (password, code or recovery code) before each further attempt has to wait; counted
    /// per account for browsers it does not know, and per browser for those it does (see <see cref="SignInThrottle"/>).</summary>
    [Range(1, 100)]
    public int SignInFailuresBeforeDelay { get; set; } = 5;

    /// <summary>The first wait; it doubles with every further failure.</summary>
    [Range(1, 3600)]
    public int SignInFirstDelaySeconds { get; set; } = 15;

    /// <summary>The longest wait.</summary>
    [Range(1, 24 * 60)]
    public int SignInMaxDelayMinutes { get; set; } = 15;

    /// <summary>How often a session's security stamp is checked against the database: after a password, email or
    /// second-factor change, or "sign out everywhere", other sessions end within this time.</summary>
    [Range(5, 3600)]
    public int SessionCheckSeconds { get; set; } = 60;

    [Range(8, 128)]
    public int PasswordMinLength { get; set; } = 10;

    /// <summary>Creates one account per role with the passwords listed in README. Only honoured in the
    /// Development and Testing environments; production creates its first admin with <c>create-admin</c>.</summary>
    public bool SeedDevelopmentAccounts { get; set; }

    /// <summary>Sign-in attempts (POSTs) per client IP per <see cref="SignInWindowSeconds"/>. Per account there is no
    /// fixed limit: a stranger could use it to keep the owner out; <see cref="SignInThrottle"/> slows guessing instead.</summary>
    [Range(1, 100_000)]
    public int SignInPermitsPerIp { get; set; } = 30;

    [Range(1, 86_400)]
    public int SignInWindowSeconds { get; set; } = 300;

    /// <summary>Registrations, password-reset and confirmation-mail requests per client IP per 15 minutes.</summary>
    [Range(1, 100_000)]
    public int AccountMailPermitsPerIp { get; set; } = 10;

    /// <summary>Optional OpenID Connect single sign-on (off unless <see cref="OpenIdConnectSettings.Authority"/> is set).</summary>
    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}

/// <summary>An external OpenID Connect identity provider for customers.</summary>
public sealed class OpenIdConnectSettings
{
    /// <summary>Issuer URL, e.g. https://login.example.com. Empty turns single sign-on off.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Label of the sign-in button.</summary>
    public string DisplayName { get; set; } = "Company account";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
