using HelpCenter.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Insights;

/// <summary>/insights: the first page the reader may see (editors: search; agents: deflection).</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        RedirectToPage(User.IsInRole(Roles.Editor) || User.IsInRole(Roles.Admin) ? "/Insights/Search" : "/Insights/Deflection");
}
