using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace HelpCenter.Accounts;

/// <summary>
/// <c>dotnet HelpCenter.dll create-admin admin@company.example</c>, password on standard input: creates the first
/// administrator of a production site (or makes an existing account admin). The admin sets up two-step
/// verification at the first sign-in, as every member of staff must.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length != 2 || !args[1].Contains('@', StringComparison.Ordinal))
        {
            await output.WriteLineAsync("Usage: create-admin <email>   (the password is read from standard input)");
            return 2;
        }

        // Migrations and roles, as at the start of the site.
        foreach (var hosted in services.GetServices<IHostedService>().Where(s => s is DatabaseInitializer or AccountSeeder))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = args[1].Trim();
        var user = await users.FindByEmailAsync(email);
        IdentityResult result;
        if (user is null)
        {
            var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
            result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                await output.WriteLineAsync("Not created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                return 1;
            }
        }

        foreach (var role in new[] { Roles.Customer, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                result = await users.AddToRoleAsync(user, role);
                if (!result.Succeeded)
                {
                    await output.WriteLineAsync("Role not granted: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                    return 1;
                }
            }
        }

        await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(AuditKinds.AdminCreated, user.Id, "create-admin command");
        // The address comes from Mail:PublicBaseUrl, like every link the site hands out: never from a request.
        var signIn = scope.ServiceProvider.GetRequiredService<Mail.PublicUrl>().Absolute("/account/login");
        await output.WriteLineAsync($"{email} is an administrator. Sign in at {signIn}: two-step verification must be set up before any staff page opens.");
        return 0;
    }
}
