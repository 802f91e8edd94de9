using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Editor;

/// <summary>Where a sign-in without a return address ends: editors on their console, everyone else on their account.</summary>
public static class EditorLanding
{
    public const string ConsoleUrl = "/editor";

    public static async Task<string> AfterSignInAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return await users.IsInRoleAsync(user, Roles.Editor) ? ConsoleUrl : "/account/manage";
    }
}
