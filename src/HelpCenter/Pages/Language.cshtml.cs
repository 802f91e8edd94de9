using System.Text.RegularExpressions;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages;

/// <summary>The language switcher posts here: remember the choice, then go back to the same page in that language.</summary>
public sealed partial class LanguageModel : PageModel
{
    [GeneratedRegex("^/(ja|en|zh)(?=/)")]
    private static partial Regex LanguagePrefix();

    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (!Languages.IsSupported(language))
        {
            return BadRequest();
        }

        Response.RememberLanguage(language!, Request.IsHttps);

        // Only local paths: never let the switcher redirect to another site.
        var target = !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
        return LocalRedirect(LanguagePrefix().Replace(target, "/" + language));
    }
}
