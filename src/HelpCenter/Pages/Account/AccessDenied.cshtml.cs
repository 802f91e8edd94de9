using HelpCenter.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    /// <summary>A member of staff without two-step verification: the page says how to get access.</summary>
    public bool NeedsTwoFactor { get; private set; }

    public void OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        NeedsTwoFactor = Roles.Staff.Any(User.IsInRole) && !User.HasClaim(c => c.Type == HelpCenterClaimsFactory.TwoFactorClaim);
    }
}
