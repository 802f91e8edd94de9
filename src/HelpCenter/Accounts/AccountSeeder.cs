using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpCenter.Accounts;

/// <summary>
/// Creates the four roles on every start, and in Development/Testing (when enabled) one confirmed account per
/// role. Runs after <see cref="Infrastructure.Data.DatabaseInitializer"/> (hosted services start in order).
/// </summary>
public sealed class AccountSeeder(IServiceScopeFactory scopes, IOptions<AccountOptions> options, IHostEnvironment environment, ILogger<AccountSeeder> logger) : IHostedService
{
    /// <summary>Password of every development account (documented in README).</summary>
    public const string DevelopmentPassword = "helpcenter-dev-2026";

    /// <summary>Authenticator key of the development staff accounts (documented in README), so that any TOTP app
    /// or test can compute their codes.</summary>
    public const string DevelopmentAuthenticatorKey = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    public static readonly IReadOnlyList<(string Email, string Role)> DevelopmentAccounts =
    [
        ("customer@example.com", Roles.Customer),
        ("agent@example.com", Roles.Agent),
        ("editor@example.com", Roles.Editor),
        ("admin@example.com", Roles.Admin),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }

        if (options.Value.SeedDevelopmentAccounts && (environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var (email, role) in DevelopmentAccounts)
            {
                await SeedAsync(users, scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>(), email, role, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, string email, string role, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        await CreateDevelopmentAccountAsync(users, store, email, role, role, cancellationToken);
        logger.LogWarning("Seeded development account {Email} ({Role}); never enable SeedDevelopmentAccounts in production", email, role);
    }

    /// <summary>
    /// A confirmed account with <see cref="DevelopmentPassword"/> and <paramref name="role"/> (and the customer role); staff
    /// also get <see cref="DevelopmentAuthenticatorKey"/> with two-step verification on. For development and tests only.
    /// </summary>
    public static async Task<ApplicationUser> CreateDevelopmentAccountAsync(UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, string email,
        string role, string displayName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(store);
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow, DisplayName = displayName };
        Check(await users.CreateAsync(user, DevelopmentPassword));
        Check(await users.AddToRolesAsync(user, role == Roles.Customer ? [Roles.Customer] : [Roles.Customer, role]));
        if (role != Roles.Customer)
        {
            // Staff must use two-step verification; a known key lets developers add it to an authenticator app.
            await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, DevelopmentAuthenticatorKey, cancellationToken);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }

        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding accounts failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
