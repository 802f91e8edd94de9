using HelpCenter.Audit;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Accounts;

/// <summary>Freezing and unfreezing accounts, and the customer's security reports.</summary>
public sealed class AccountSecurity(
    UserManager<ApplicationUser> users,
    RequestService requests,
    AccountMail mail,
    AccountSessions sessions,
    AuditLog audit,
    TimeProvider clock)
{
    public const string Takeover = "takeover";
    public const string Phishing = "phishing";

    public static readonly IReadOnlyList<string> Kinds = [Takeover, Phishing];

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

    /// <summary>Freezes the account and files a high-priority request carrying the sign-in history
    /// (<paramref name="context"/> comes from <see cref="RequestContextBuilder"/>).</summary>
    public async Task<SupportRequest> ReportAsync(ApplicationUser user, string kind, string? description, RequestContext context, bool removePasskeys = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown security report kind.");
        }

        await FreezeAsync(user, $"security report: {kind}", removePasskeys, cancellationToken);
        var request = await requests.CreateAsync(new SupportRequest
        {
            Reference = "",
            Channel = RequestChannel.Security,
            Priority = RequestPriority.High,
            Status = RequestStatus.New,
            Topic = kind,
            Language = user.PreferredLanguage,
            UserId = user.Id,
            Email = user.Email!,
            Name = user.DisplayName,
            Description = string.IsNullOrWhiteSpace(description) ? "-" : Infrastructure.PlainText.Multiline(description),
            SystemContextJson = RequestContext.Serialize(context),
        }, cancellationToken);
        await audit.WriteAsync(AuditKinds.SecurityReport, user.Id, $"{kind} {request.Reference}", cancellationToken: cancellationToken);
        await mail.SendSecurityReportAsync(user, request.Reference, cancellationToken);
        return request;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Updating the account failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
