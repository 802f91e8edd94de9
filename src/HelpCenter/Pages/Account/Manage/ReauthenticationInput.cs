using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>The password again, and a code when two-step verification is on (see <see cref="Accounts.Reauthentication"/>).</summary>
public sealed class ReauthenticationInput
{
    [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
    public string Password { get; set; } = "";

    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "TwoFactor.CodeFormat")]
    public string? Code { get; set; }
}
