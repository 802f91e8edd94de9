using HelpCenter.Accounts;
using HelpCenter.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery), so that a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(HelpCenterSignInManager signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = signIn.UserManager.GetUserId(User);
        await signIn.SignOutAsync();

        // The browser's chat token goes too: after signing out, this browser should hold nothing of the session.
        Response.Cookies.Delete(HelpCenter.Chat.ChatAccess.Cookie);
        if (userId is not null)
        {
            await audit.WriteAsync(AuditKinds.SignedOut, userId, actorId: userId, cancellationToken: cancellationToken);
        }

        TempData["Message"] = "Logout.Done";
        return RedirectToPage("/Account/Login");
    }
}
