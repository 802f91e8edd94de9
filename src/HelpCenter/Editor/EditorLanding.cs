using HelpCenter.Accounts;
using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Editor;

/// <summary>Where a sign-in without a return address ends: editors on their console, operators on the chat console
/// (with the presence they had last), everyone else on their account.</summary>
public static class EditorLanding
{
    public const string ConsoleUrl = "/editor";

    public const string AgentConsoleUrl = "/agent/chats";

    public static async Task<string> AfterSignInAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return await users.IsInRoleAsync(user, Roles.Editor) ? ConsoleUrl
            : await users.IsInRoleAsync(user, Roles.Agent) ? AgentConsoleUrl
            : "/account/manage";
    }
}
