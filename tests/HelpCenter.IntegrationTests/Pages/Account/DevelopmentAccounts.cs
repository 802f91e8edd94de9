using System.Net;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Account;

/// <summary>The four accounts seeded in Development and Testing (customer, agent, editor, admin @example.com).</summary>
public static class DevelopmentAccounts
{
    /// <summary>A client signed in as the account; staff accounts answer the second step with the shared authenticator key.</summary>
    public static async Task<HttpClient> SignInAsync(MailFactory factory, string email)
    {
        var client = new AccountClient(factory);
        var response = email == "customer@example.com"
            ? await client.LoginAsync(email, MailFactory.DevelopmentPassword)
            : await client.LoginAsync(email, MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client.Http;
    }

    /// <summary>
    /// A new staff account like the seeded ones (development password and authenticator key, two-step on) under a fresh
    /// address; returns the address. The site takes each authenticator code once per account, and a code only of a later
    /// 30-second step than the last: a test class that signs staff in many times gives each test its own account instead of
    /// waiting for the next step.
    /// </summary>
    public static async Task<string> NewStaffAsync(IServiceProvider services, string role, string? displayName = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..20] + "@example.com";
        await using var scope = services.CreateAsyncScope();
        await AccountSeeder.CreateDevelopmentAccountAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>(), email, role, displayName ?? role, CancellationToken.None);
        return email;
    }

    /// <summary>A client signed in as a new staff account of <paramref name="role"/> (<see cref="NewStaffAsync"/>).</summary>
    public static async Task<HttpClient> SignInAsNewStaffAsync(MailFactory factory, string role) =>
        await SignInAsync(factory, await NewStaffAsync(factory.Services, role));

    public static async Task<string> IdAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }
}
