using System.Globalization;
using System.Text;
using HelpCenter.Infrastructure;
using HelpCenter.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpCenter.Accounts;

/// <summary>The account mails, each in the account's language. Links carry Identity's single-use tokens.</summary>
public sealed class AccountMail(UserManager<ApplicationUser> users, MailComposer composer, MailSender sender, PublicUrl urls, SiteClock clock)
{
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

    public Task SendNewBrowserAsync(ApplicationUser user, string browser, string ipAddress, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var values = new Dictionary<string, string>
        {
            ["Browser"] = browser,
            ["IpAddress"] = ipAddress,
            ["Time"] = clock.Format(at, TimeFormat.DateTime, user.PreferredLanguage, withZone: true),
        };
        return sender.SendAsync(composer.Compose(user.Email!, user.PreferredLanguage, "NewBrowser", values, urls.Absolute("/account/security/report")), cancellationToken);
    }

    public Task SendSecurityReportAsync(ApplicationUser user, string reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var values = new Dictionary<string, string> { ["Reference"] = reference };
        return sender.SendAsync(composer.Compose(user.Email!, user.PreferredLanguage, "SecurityReport", values) with { ThreadKey = reference }, cancellationToken);
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
