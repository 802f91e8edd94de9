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
        var customerId = await DevelopmentAccounts.IdAsync(factory.Services, "customer@example.com");
        var reference = await CreateRequestAsync(customerId);
        var clients = new Dictionary<string, HttpClient>
        {
            [Anonymous] = factory.CreateBrowserLikeClient(),
            [Roles.Customer] = await DevelopmentAccounts.SignInAsync(factory, "customer@example.com"),
            [Roles.Agent] = await DevelopmentAccounts.SignInAsync(factory, "agent@example.com"),
            [Roles.Editor] = await DevelopmentAccounts.SignInAsync(factory, "editor@example.com"),
            [Roles.Admin] = await DevelopmentAccounts.SignInAsync(factory, "admin@example.com"),
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

    /// <summary>
    /// Staff on staff: every page about one account (a route with {id}) and the actions on it, for each kind of visitor
    /// against a customer, an agent, an editor, an admin and the visitor's own account. Agents act on customer
    /// accounts only; staff accounts (their sign-in history, their freezing) are for admins; nobody freezes themselves.
    /// </summary>
    [Fact]
    public async Task AccountPagesAnswerEachRoleAboutEachKindOfAccount()
    {
        var targets = new Dictionary<string, string>
        {
            [Roles.Customer] = await NewAccountAsync(Roles.Customer),
            [Roles.Agent] = await NewAccountAsync(Roles.Agent),
            [Roles.Editor] = await NewAccountAsync(Roles.Editor),
            [Roles.Admin] = await NewAccountAsync(Roles.Admin),
        };
        var actors = new Dictionary<string, (HttpClient Client, string? Id)>
        {
            [Anonymous] = (factory.CreateBrowserLikeClient(), null),
            [Roles.Customer] = (await DevelopmentAccounts.SignInAsync(factory, "customer@example.com"), await DevelopmentAccounts.IdAsync(factory.Services, "customer@example.com")),
            [Roles.Agent] = (await DevelopmentAccounts.SignInAsync(factory, "agent@example.com"), await DevelopmentAccounts.IdAsync(factory.Services, "agent@example.com")),
            [Roles.Editor] = (await DevelopmentAccounts.SignInAsync(factory, "editor@example.com"), await DevelopmentAccounts.IdAsync(factory.Services, "editor@example.com")),
            [Roles.Admin] = (await DevelopmentAccounts.SignInAsync(factory, "admin@example.com"), await DevelopmentAccounts.IdAsync(factory.Services, "admin@example.com")),
        };
        var accountPages = EndpointCatalog.GetPatterns(factory.Services).Select(EndpointCatalog.Describe)
            .Where(p => p.EndsWith("/{id}", StringComparison.Ordinal) && !p.Contains("categories", StringComparison.Ordinal)
                && !p.StartsWith("/editor/", StringComparison.Ordinal)) // article ids, covered by the editor rows above
            .ToList();
        Assert.Equal(["/admin/users/{id}", "/agent/accounts/{id}"], accountPages);

        var failures = new List<string>();
        foreach (var (actor, (client, selfId)) in actors)
        {
            var token = (await HtmlPage.GetAsync(client, "/")).Find("form.language-switcher input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var subjects = targets.Select(t => (Kind: t.Key, Id: t.Value)).ToList();
            if (selfId is not null)
            {
                subjects.Add(("self", selfId));
            }

            foreach (var (kind, id) in subjects)
            {
                foreach (var page in accountPages)
                {
                    var url = page.Replace("{id}", id, StringComparison.Ordinal);
                    var requests = new List<(string Method, string Url)> { ("GET", url) };
                    if (page == "/agent/accounts/{id}")
                    {
                        requests.Add(("POST", url + "?handler=Freeze"));
                        requests.Add(("POST", url + "?handler=Unfreeze"));
                    }

                    foreach (var (method, target) in requests)
                    {
                        var response = method == "GET"
                            ? await client.GetAsync(new Uri(target, UriKind.Relative))
                            : await client.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                        var actual = (int)response.StatusCode;
                        var location = response.Headers.Location?.OriginalString ?? "";
                        actual = actual == 302 && location.Contains("/account/access-denied", StringComparison.Ordinal) ? 403
                            : actual == 302 && location.Contains("/account/login", StringComparison.Ordinal) ? 401
                            : actual;
                        var expected = ExpectedForAccount(page, method, actor, kind);
                        if (actual != expected)
                        {
                            failures.Add($"{actor,-9} {method,-4} {page} about {kind,-8}: expected {expected}, got {actual}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>200 for a page shown, 302 for an action done (back to the page), 401 for "sign in first", 403 refused.</summary>
    private static int ExpectedForAccount(string page, string method, string actor, string target)
    {
        var done = method == "GET" ? 200 : 302;
        var staffTarget = target is Roles.Agent or Roles.Editor or Roles.Admin || (target == "self" && actor != Roles.Customer);
        return actor switch
        {
            Anonymous => 401,
            _ when page.StartsWith("/admin", StringComparison.Ordinal) => actor == Roles.Admin ? done : 403,
            Roles.Customer or Roles.Editor => 403,
            _ when target == "self" && method == "POST" => 403,
            Roles.Agent when staffTarget => 403,
            _ => done,
        };
    }

    private async Task<string> NewAccountAsync(string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = AccountClient.NewEmail();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        Assert.True((await users.CreateAsync(user, MailFactory.DevelopmentPassword)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, role == Roles.Customer ? [Roles.Customer] : [Roles.Customer, role])).Succeeded);
        return user.Id;
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

        if (url == "/agent/deflection")
        {
            // Moved to /insights/deflection: a permanent redirect for the staff who may see it.
            return role is Roles.Agent or Roles.Admin ? 301 : 403;
        }

        if (url.StartsWith("/agent", StringComparison.Ordinal))
        {
            return role is Roles.Agent or Roles.Admin ? 200 : 403;
        }

        if (url.StartsWith("/insights", StringComparison.Ordinal))
        {
            // Search and articles are the editors'; deflection and support every staff member's; /insights sends each to the first.
            var allowed = url is "/insights/search" or "/insights/articles" ? role is Roles.Editor or Roles.Admin : role is Roles.Agent or Roles.Editor or Roles.Admin;
            return !allowed ? 403 : url == "/insights" ? 302 : 200;
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
        || url.StartsWith("/admin", StringComparison.Ordinal) || url.StartsWith("/agent", StringComparison.Ordinal) || url.StartsWith("/editor", StringComparison.Ordinal)
        || url.StartsWith("/insights", StringComparison.Ordinal);

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
}
