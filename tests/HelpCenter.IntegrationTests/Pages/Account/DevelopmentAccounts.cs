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

    public static async Task<string> IdAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }
}
