using HelpCenter.Audit;
using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Accounts;

/// <summary>Freezing and unfreezing accounts (a customer's security report is <see cref="Requests.SecurityReports"/>).</summary>
public sealed class AccountSecurity(
    UserManager<ApplicationUser> users,
    AccountSessions sessions,
    AuditLog audit,
    TimeProvider clock)
{
    /// <summary>Ends every session of the account at once (sessions deleted, new security stamp) and refuses sign-in
    /// until unfrozen; with <paramref name="removePasskeys"/>, a passkey an intruder added goes too.</summary>
    public async Task FreezeAsync(ApplicationUser user, string reason, bool removePasskeys = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (removePasskeys)
        {
            await RemovePasskeysAsync(user, cancellationToken);
        }

        if (user.IsFrozen)
        {
            return;
        }

        user.FrozenAt = clock.GetUtcNow();
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await sessions.RevokeAllAsync(user.Id, cancellationToken: cancellationToken);
        await audit.WriteAsync(AuditKinds.Frozen, user.Id, reason, cancellationToken: cancellationToken);
    }

    /// <summary>Every passkey of the account: they survive a password change and the end of sessions, so after a
    /// takeover the owner must be able to drop them all at once.</summary>
    public async Task RemovePasskeysAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var passkeys = await users.GetPasskeysAsync(user);
        foreach (var passkey in passkeys)
        {
            Check(await users.RemovePasskeyAsync(user, passkey.CredentialId));
        }

        if (passkeys.Count > 0)
        {
            await audit.WriteAsync(AuditKinds.PasskeyRemoved, user.Id, $"all ({passkeys.Count})", cancellationToken: cancellationToken);
        }
    }

    public async Task UnfreezeAsync(ApplicationUser user, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsFrozen)
        {
            return;
        }

        user.FrozenAt = null;
        Check(await users.UpdateAsync(user));
        await audit.WriteAsync(AuditKinds.Unfrozen, user.Id, reason, cancellationToken: cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Updating the account failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
