using System.Security.Claims;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Account;

/// <summary>
/// Single sign-on through the company's OpenID Connect provider (only when configured). The first sign-in creates
/// or links a customer account by the provider's verified email; after that the provider login is used directly.
/// </summary>
public sealed class ExternalLoginModel(
    HelpCenterSignInManager signIn,
    UserManager<ApplicationUser> users,
    AccountActivity activity,
    AuditLog audit,
    IOptions<AccountOptions> options,
    TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/Login");

    public IActionResult OnPost(string? returnUrl)
    {
        if (!options.Value.OpenIdConnect.Enabled)
        {
            return NotFound();
        }

        var redirect = Url.Page("/Account/ExternalLogin", "Callback", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : null });
        var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, redirect);
        return new ChallengeResult(OpenIdConnectDefaults.AuthenticationScheme, properties);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl, CancellationToken cancellationToken)
    {
        var target = Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Page("/Account/Manage/Index")!;
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            TempData["Message"] = "Login.ExternalFailed";
            return RedirectToPage("/Account/Login");
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        var email = info.Principal.FindFirstValue(ClaimTypes.Email);
        var linked = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (result.Succeeded && linked is not null)
        {
            await activity.RecordAsync(linked, SignInOutcome.Succeeded, cancellationToken);
            return LocalRedirect(target);
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = target });
        }

        // Only an address the provider says it verified may create or claim an account here.
        var verified = string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        if (result.IsLockedOut || result.IsNotAllowed || email is null || !verified)
        {
            TempData["Message"] = "Login.ExternalFailed";
            return RedirectToPage("/Account/Login");
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, PreferredLanguage = Languages.Current, CreatedAt = clock.GetUtcNow() };
            if (!(await users.CreateAsync(user)).Succeeded)
            {
                TempData["Message"] = "Login.ExternalFailed";
                return RedirectToPage("/Account/Login");
            }

            await users.AddToRoleAsync(user, Roles.Customer);
            await audit.WriteAsync(AuditKinds.Registered, user.Id, "single sign-on", actorId: user.Id, cancellationToken: cancellationToken);
        }

        await users.AddLoginAsync(user, info);
        var second = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (second.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { returnUrl = target });
        }

        if (!second.Succeeded)
        {
            TempData["Message"] = "Login.ExternalFailed";
            return RedirectToPage("/Account/Login");
        }

        await activity.RecordAsync(user, SignInOutcome.Succeeded, cancellationToken);
        return LocalRedirect(target);
    }
}
