using System.Net;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages;

/// <summary>
/// Every GET endpoint of the app, taken from its endpoint list, against every kind of visitor. A new page is covered
/// the day it is added: it gets the rule of its folder, and a route parameter the test has no sample value for fails
/// the test until one is added here.
/// </summary>
public sealed class AuthorizationMatrixTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const string Anonymous = "Anonymous";

    /// <summary>Pages whose answer does not depend on who asks (or not in the usual way).</summary>
    private static readonly Dictionary<string, int> Fixed = new()
    {
        ["/error"] = 200,
        ["/account/access-denied"] = 403,
        ["/language"] = 302,
        ["/search/click"] = 302,
        ["/account/external-login/{handler?}"] = 302,
        ["/account/login-2fa"] = 302,
        ["/account/login-recovery"] = 302,

        // Without a contact flow these steps send the visitor to its start.
        ["/contact/channels"] = 302,
        ["/contact/{channel}"] = 302,
        ["/api/contact/suggest"] = 400,

        // The chat hub answers a plain GET without a connection id with 400; access is checked per hub method
        // (ChatHubTests).
        ["/hubs/chat"] = 400,
        ["/hubs/chat/negotiate"] = 405,

        // Article images are public like the articles; the sample name is not a stored image.
        ["/media/articles/{file}"] = 404,
    };

    [Fact]
    public async Task EveryEndpointAnswersEachRoleAsExpected()
    {
        var customerId = await UserIdAsync("customer@example.com");
        var reference = await CreateRequestAsync(customerId);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = factory.CreateBrowserLikeClient(),
            [Roles.Customer] = await SignInAsync("customer@example.com", twoFactor: false),
            [Roles.Agent] = await SignInAsync("agent@example.com", twoFactor: true),
            [Roles.Editor] = await SignInAsync("editor@example.com", twoFactor: true),
            [Roles.Admin] = await SignInAsync("admin@example.com", twoFactor: true),
        };

        var failures = new List<string>();
        var patterns = EndpointCatalog.GetPatterns(factory.Services);
        Assert.Contains("/admin/users/{id}", patterns.Select(EndpointCatalog.Describe));
        Assert.Contains("/agent", patterns.Select(EndpointCatalog.Describe));
        Assert.Contains("/editor/articles/{id}/history", patterns.Select(EndpointCatalog.Describe));
        foreach (var pattern in patterns)
        {
            var url = EndpointCatalog.Fill(pattern, customerId, reference);
            foreach (var (role, client) in clients)
            {
                var expected = Expected(EndpointCatalog.Describe(pattern), url, role);
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var actual = (int)response.StatusCode;

                // Cookie authentication answers "forbidden" with a redirect to the access-denied page (a 403).
                if (actual == 302 && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal))
                {
                    actual = 403;
                }

                if (actual != expected)
                {
                    failures.Add($"{role,-9} GET {url}: expected {expected}, got {actual}");
                }
                else if (actual == 302 && expected == 302 && role == Anonymous && NeedsSignIn(url)
                    && !response.Headers.Location!.OriginalString.Contains("/account/login?ReturnUrl=", StringComparison.Ordinal))
                {
                    failures.Add($"{role,-9} GET {url}: redirected to {response.Headers.Location} instead of the sign-in page");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static int Expected(string pattern, string url, string role)
    {
        if (Fixed.TryGetValue(pattern, out var status))
        {
            return status;
        }

        if (role == Anonymous && NeedsSignIn(url))
        {
            return 302;
        }

        if (url.StartsWith("/admin", StringComparison.Ordinal))
        {
            return role == Roles.Admin ? 200 : 403;
        }

        if (url.StartsWith("/agent", StringComparison.Ordinal))
        {
            return role is Roles.Agent or Roles.Admin ? 200 : 403;
        }

        if (url.StartsWith("/editor", StringComparison.Ordinal))
        {
            return role is Roles.Editor or Roles.Admin ? 200 : 403;
        }

        if (pattern is "/requests/{reference}" or "/chat/{reference}")
        {
            // Only its owner (or the holder of the private link) sees a request; everyone else gets a 404.
            return role == Roles.Customer ? 200 : 404;
        }

        return url switch
        {
            // Without recovery codes just generated, the page sends the customer back to the 2FA settings.
            "/account/manage/recovery-codes" => 302,
            // Staff already use two-step verification: the set-up page sends them to its status page.
            "/account/manage/enable-authenticator" when role is Roles.Agent or Roles.Editor or Roles.Admin => 302,
            _ when url.StartsWith("/status/", StringComparison.Ordinal) => int.Parse(url["/status/".Length..], System.Globalization.CultureInfo.InvariantCulture),
            _ => 200,
        };
    }

    private static bool NeedsSignIn(string url) =>
        url.StartsWith("/account/manage", StringComparison.Ordinal) || url.StartsWith("/account/security/", StringComparison.Ordinal) || url == "/requests"
        || url.StartsWith("/admin", StringComparison.Ordinal) || url.StartsWith("/agent", StringComparison.Ordinal) || url.StartsWith("/editor", StringComparison.Ordinal);

    /// <summary>A chat owned by the customer, so that request and chat pages have a real reference.</summary>
    public static async Task<string> CreateRequestAsync(IServiceProvider services, string customerId)
    {
        await using var scope = services.CreateAsyncScope();
        var request = await scope.ServiceProvider.GetRequiredService<HelpCenter.Requests.RequestService>().CreateAsync(new HelpCenter.Requests.SupportRequest
        {
            Reference = "",
            Channel = HelpCenter.Requests.RequestChannel.Chat,
            Topic = "account",
            Language = "ja",
            UserId = customerId,
            Email = "customer@example.com",
            Description = "authorization matrix",
        });
        return request.Reference;
    }

    private Task<string> CreateRequestAsync(string customerId) => CreateRequestAsync(factory.Services, customerId);

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<HttpClient> SignInAsync(string email, bool twoFactor)
    {
        var client = new AccountClient(factory);
        var response = twoFactor
            ? await client.LoginAsync(email, MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey)
            : await client.LoginAsync(email, MailFactory.DevelopmentPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client.Http;
    }
}
