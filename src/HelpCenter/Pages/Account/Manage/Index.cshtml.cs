using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Account.Manage;

/// <summary>The account overview: profile settings and the state of its security.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ApplicationUser Account { get; private set; } = default!;

    public sealed class InputModel
    {
        [StringLength(ApplicationUser.DisplayNameMaxLength, ErrorMessage = "Validation.TooLong")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Validation.Required"), AllowedValues("ja", "en", "zh", ErrorMessage = "Validation.Invalid")]
        public string PreferredLanguage { get; set; } = Languages.Default;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        Input = new InputModel { DisplayName = Account.DisplayName, PreferredLanguage = Account.PreferredLanguage };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed in without an account.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Account.DisplayName = string.IsNullOrWhiteSpace(Input.DisplayName) ? null : Infrastructure.PlainText.SingleLine(Input.DisplayName);
        Account.PreferredLanguage = Input.PreferredLanguage;
        await users.UpdateAsync(Account);
        TempData["Status"] = "Manage.Saved";
        return RedirectToPage();
    }
}
