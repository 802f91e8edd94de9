using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>Shows newly generated recovery codes once; they are stored hashed and cannot be shown again.</summary>
public sealed class RecoveryCodesModel : PageModel
{
    public const int Count = 10;
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string codes)
        {
            return RedirectToPage("/Account/Manage/TwoFactor");
        }

        Codes = codes.Split(' ');
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
