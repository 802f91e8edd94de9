using System.Globalization;
using System.Text;
using HelpCenter.Infrastructure;
using HelpCenter.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpCenter.Accounts;

/// <summary>The account mails, each in the account's language. Links carry Identity's single-use tokens.</summary>
public sealed class AccountMail(UserManager<ApplicationUser> users, MailComposer composer, MailSender sender, PublicUrl urls,
    IDataProtectionProvider protection, SiteClock clock)
{
    /// <summary>How long the old address may undo an address change.</summary>
    public static readonly TimeSpan UndoLifetime = TimeSpan.FromDays(7);

    /// <summary>How long the new-sign-in mail's "this wasn't me" link freezes the account.</summary>
    public static readonly TimeSpan NotMeLifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _undo = protection.CreateProtector("HelpCenter.EmailUndo.v1").ToTimeLimitedDataProtector();
    private readonly ITimeLimitedDataProtector _notMe = protection.CreateProtector("HelpCenter.NotMe.v1").ToTimeLimitedDataProtector();

    public async Task SendConfirmationAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = urls.Absolute($"/account/confirm-email?userId={Uri.EscapeDataString(user.Id)}&code={token}");
        await SendAsync(user, user.Email!, "ConfirmEmail", link, cancellationToken);
    }

    public async Task SendPasswordResetAsync(ApplicationUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = urls.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={token}");
        await SendAsync(user, user.Email!, "ResetPassword", link, cancellationToken);
    }

    public async Task SendEmailChangeAsync(ApplicationUser user, string newEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
        var link = urls.Absolute($"/account/confirm-email-change?userId={Uri.EscapeDataString(user.Id)}&email={Uri.EscapeDataString(newEmail)}&code={token}");
        await SendAsync(user, newEmail, "ChangeEmail", link, cancellationToken);
    }

    /// <summary>Tells the old address that the address was changed, with a link (signed, valid 7 days) that puts it
    /// back and freezes the account: whoever changed it may hold the session, but not the old mailbox.</summary>
    public Task<bool> SendEmailChangedAsync(ApplicationUser user, string oldEmail, string newEmail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = _undo.Protect($"{user.Id}\n{oldEmail}\n{newEmail}", clock.UtcNow + UndoLifetime);
        var values = new Dictionary<string, string> { ["NewEmail"] = MailAddresses.Mask(newEmail) };
        var link = urls.Absolute($"/account/email-undo?token={Uri.EscapeDataString(token)}");
        return sender.SendAsync(composer.Compose(oldEmail, user.PreferredLanguage, "EmailChanged", values, link), cancellationToken);
    }

    /// <summary>The account and addresses an undo link names, or null when it is forged or expired.</summary>
    public (string UserId, string OldEmail, string NewEmail)? ReadUndoToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            return _undo.Unprotect(token).Split('\n') is [var userId, var oldEmail, var newEmail] ? (userId, oldEmail, newEmail) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The account and sign-in a "this wasn't me" link names, or null when it is forged or expired.</summary>
    public (string UserId, long SignInId)? ReadNotMeToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return null;
        }

        try
        {
            return _notMe.Unprotect(token).Split('\n') is [var userId, var id] && long.TryParse(id, CultureInfo.InvariantCulture, out var signInId)
                ? (userId, signInId) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Every passkey added is announced to the account's address: one added by an intruder is noticed.</summary>
    public Task<bool> SendPasskeyAddedAsync(ApplicationUser user, string passkeyName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var values = new Dictionary<string, string> { ["Name"] = Infrastructure.PlainText.SingleLine(passkeyName) };
        return sender.SendAsync(composer.Compose(user.Email!, user.PreferredLanguage, "PasskeyAdded", values, urls.Absolute("/account/security/report")), cancellationToken);
    }

    /// <summary>Announces a sign-in from a new browser. Its link (signed, valid 7 days, good once: see
    /// <see cref="SignInRecord.ReportedAt"/>) freezes the account without a password: whoever signed in may have changed it.</summary>
    public Task SendNewBrowserAsync(ApplicationUser user, string userAgent, string ipAddress, DateTimeOffset at, long signInId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = _notMe.Protect(FormattableString.Invariant($"{user.Id}\n{signInId}"), clock.UtcNow + NotMeLifetime);
        var values = new Dictionary<string, string>
        {
            ["Browser"] = UserAgents.Describe(userAgent, (key, arguments) => composer.Text(user.PreferredLanguage, key, arguments)),
            ["IpAddress"] = ipAddress,
            ["Time"] = clock.Format(at, TimeFormat.DateTime, user.PreferredLanguage, withZone: true),
        };
        var link = urls.Absolute($"/account/not-me?token={Uri.EscapeDataString(token)}");
        return sender.SendAsync(composer.Compose(user.Email!, user.PreferredLanguage, "NewBrowser", values, link), cancellationToken);
    }

    /// <param name="requestsLink">Reads the account's requests without signing in (a frozen account cannot).</param>
    public Task SendSecurityReportAsync(ApplicationUser user, string reference, string? requestsLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var values = new Dictionary<string, string> { ["Reference"] = reference };
        return sender.SendAsync(composer.Compose(user.Email!, user.PreferredLanguage, "SecurityReport", values, requestsLink) with { ThreadKey = reference }, cancellationToken);
    }

    /// <summary>Identity tokens contain '+', '/' and '='; Base64Url keeps them intact in a query string.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private Task SendAsync(ApplicationUser user, string to, string template, string link, CancellationToken cancellationToken) =>
        sender.SendAsync(composer.Compose(to, user.PreferredLanguage, template, null, link), cancellationToken);
}
