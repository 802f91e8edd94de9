using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Account.Security;

/// <summary>
/// "My account was taken over" / "I received a phishing message", open 24/7: after the customer proves who they are
/// again (password, and a code when two-step verification is on), every session is ended, the account is frozen
/// and operators get a high-priority request with the sign-in history.
/// </summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class ReportModel(
    UserManager<ApplicationUser> users,
    HelpCenterSignInManager signIn,
    Reauthentication reauthentication,
    SecurityReports reports,
    RequestContextBuilder contextBuilder,
    IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = SecurityReports.Takeover;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool TwoFactorEnabled { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(256)]
        public string Password { get; set; } = "";

        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "TwoFactor.CodeFormat")]
        public string? Code { get; set; }

        [StringLength(SupportRequest.DescriptionMaxLength, ErrorMessage = "Validation.TooLong")]
        public string? Description { get; set; }

        [Range(typeof(bool), "true", "true", ErrorMessage = "Security.ConfirmRequired")]
        public bool Confirm { get; set; }

        /// <summary>A passkey an intruder added would survive the freeze; offered, and ticked for a takeover.</summary>
        public bool RemovePasskeys { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await CurrentUserAsync();
        if (!SecurityReports.Kinds.Contains(Kind))
        {
            return NotFound();
        }

        TwoFactorEnabled = user.TwoFactorEnabled;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!SecurityReports.Kinds.Contains(Kind))
        {
            return NotFound();
        }

        TwoFactorEnabled = user.TwoFactorEnabled;
        if (TwoFactorEnabled && string.IsNullOrWhiteSpace(Input.Code))
        {
            ModelState.AddModelError("Input.Code", localizer["Validation.Required"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Re-authentication: a session left open on a shared computer is not enough to freeze the account.
        var proof = await reauthentication.CheckAsync(user, Input.Password, Input.Code, cancellationToken);
        if (!proof.Succeeded)
        {
            return Reauthentication.Refuse(this, proof, localizer);
        }

        var context = await contextBuilder.BuildAsync(HttpContext, flow: null, browserTimeZone: null, signInCount: 20, cancellationToken);
        var request = await reports.ReportAsync(user, Kind, Input.Description, context, Input.RemovePasskeys, cancellationToken);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/SecurityReported", new { reference = request.Reference, kind = Kind });
    }

    private async Task<ApplicationUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
}
