using HelpCenter.Accounts;
using HelpCenter.Audit;

namespace HelpCenter.Requests;

/// <summary>A customer's report that their account was taken over or that they answered a phishing message: the account
/// is frozen and a high-priority request is filed for the security team.</summary>
public sealed class SecurityReports(AccountSecurity security, RequestService requests, AccountMail mail, AuditLog audit)
{
    public const string Takeover = "takeover";
    public const string Phishing = "phishing";

    public static readonly IReadOnlyList<string> Kinds = [Takeover, Phishing];

    /// <summary>Freezes the account and files a high-priority request carrying the sign-in history
    /// (<paramref name="context"/> comes from <see cref="Contact.RequestContextBuilder"/>).</summary>
    public async Task<SupportRequest> ReportAsync(ApplicationUser user, string kind, string? description, RequestContext context, bool removePasskeys = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Kinds.Contains(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown security report kind.");
        }

        await security.FreezeAsync(user, $"security report: {kind}", removePasskeys, cancellationToken);
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
        await mail.SendSecurityReportAsync(user, request.Reference, requests.AccountLink(user.Id), cancellationToken);
        return request;
    }
}
