using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Agent;

/// <summary>The deflection report moved to insights; old links and bookmarks land there.</summary>
public sealed class DeflectionModel : PageModel
{
    public IActionResult OnGet() => RedirectToPagePermanent("/Insights/Deflection");
}
