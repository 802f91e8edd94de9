using System.Text.RegularExpressions;
using HelpCenter.Localization;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Audit;

/// <summary>
/// The audit log in words: each kind (<c>signin.succeeded</c>) and each fixed detail the site writes (<c>WrongPassword</c>,
/// <c>frozen by staff</c>, a role name) read in the admin's language. Details that carry data (addresses, article
/// paths, references) keep it; what is not known is shown as stored, never hidden.
/// </summary>
public sealed partial class AuditText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Fixed details written by the site, by the resource key that says them.</summary>
    private static readonly Dictionary<string, string> FixedDetails = new(StringComparer.Ordinal)
    {
        ["single sign-on"] = "Audit.Detail.SingleSignOn",
        ["create-admin command"] = "Audit.Detail.CreateAdminCommand",
        ["frozen by staff"] = "Audit.Detail.FrozenByStaff",
        ["unfrozen by staff"] = "Audit.Detail.UnfrozenByStaff",
        ["address change undone from the old address"] = "Audit.Detail.EmailChangeUndone",
        ["security report: takeover"] = "Audit.Detail.ReportTakeover",
        ["security report: phishing"] = "Audit.Detail.ReportPhishing",
    };

    public string Kind(string kind) => Known($"Audit.Kind.{kind}") ?? kind;

    public string? Detail(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.Detail is not { } detail)
        {
            return null;
        }

        if (FixedDetails.TryGetValue(detail, out var key))
        {
            return localizer[key];
        }

        switch (auditEvent.Kind)
        {
            // Sign-in outcomes (Accounts.SignInOutcome names) are said by the sign-in history's own texts; looked up by
            // name, so that the audit log does not depend on the accounts feature.
            case AuditKinds.SignedIn or AuditKinds.SignInFailed or AuditKinds.LockedOut when Known($"History.Outcome.{detail}") is { } outcome:
                return outcome;
            case AuditKinds.RoleGranted or AuditKinds.RoleRevoked when Known($"Role.{detail}") is { } role:
                return role;
            case AuditKinds.SecurityReport when ReportDetail().Match(detail) is { Success: true } report
                && Known(report.Groups[1].Value == "takeover" ? "Audit.Detail.ReportTakeover" : "Audit.Detail.ReportPhishing") is { } what:
                return $"{what} ({report.Groups[2].Value})";
            case AuditKinds.PasskeyRemoved when AllPasskeys().Match(detail) is { Success: true } all:
                return localizer["Audit.Detail.AllPasskeys", all.Groups[1].Value];
            default:
                return detail;
        }
    }

    private string? Known(string key) => localizer[key] is { ResourceNotFound: false } text ? text.Value : null;

    [GeneratedRegex(@"^(takeover|phishing) (\S+)$")]
    private static partial Regex ReportDetail();

    [GeneratedRegex(@"^all \((\d+)\)$")]
    private static partial Regex AllPasskeys();
}
