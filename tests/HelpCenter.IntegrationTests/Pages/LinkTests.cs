using System.Net;
using AngleSharp.Html.Parser;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;

namespace HelpCenter.IntegrationTests.Pages;

/// <summary>
/// Follows every link a visitor of each role can see, starting from every page of the endpoint catalogue and going two
/// clicks deep (articles link to articles): none may lead to a missing page or an error.
/// </summary>
public sealed class LinkTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const int Depth = 2;

    [Fact]
    public async Task EveryInternalLinkOnEveryPageLeadsToAPage()
    {
        var customerId = await DevelopmentAccounts.IdAsync(factory.Services, "customer@example.com");
        var reference = await AuthorizationMatrixTests.CreateRequestAsync(factory.Services, customerId);
        var starts = EndpointCatalog.GetPatterns(factory.Services)
            .Select(p => EndpointCatalog.Fill(p, customerId, reference))
            .Where(url => !url.StartsWith("/api/", StringComparison.Ordinal) && !url.StartsWith("/hubs/", StringComparison.Ordinal))
            .ToList();

        var failures = new List<string>();
        var followed = 0;
        foreach (var (role, client) in new (string, Task<HttpClient>)[]
        {
            ("Anonymous", Task.FromResult(factory.CreateBrowserLikeClient())),
            (Roles.Customer, DevelopmentAccounts.SignInAsync(factory, "customer@example.com")),
            (Roles.Agent, DevelopmentAccounts.SignInAsync(factory, "agent@example.com")),
            (Roles.Admin, DevelopmentAccounts.SignInAsync(factory, "admin@example.com")),
        })
        {
            followed += await CrawlAsync(role, await client, starts, failures);
        }

        Assert.True(followed > 300, $"Only {followed} links were followed: the crawler no longer sees the pages' links.");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
    }

    private static async Task<int> CrawlAsync(string role, HttpClient client, IReadOnlyList<string> starts, List<string> failures)
    {
        var parser = new HtmlParser();
        var seen = new HashSet<string>(starts, StringComparer.Ordinal);
        var frontier = starts.Select(url => (Url: url, From: "(catalogue)")).ToList();
        for (var depth = 0; depth <= Depth && frontier.Count > 0; depth++)
        {
            var next = new List<(string Url, string From)>();
            foreach (var (url, from) in frontier)
            {
                var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var status = (int)response.StatusCode;
                if (from != "(catalogue)" && (status == 404 || status >= 500))
                {
                    failures.Add($"{role}: {from} links to {url}, which answers {status}");
                    continue;
                }

                if (status != 200 || response.Content.Headers.ContentType?.MediaType != "text/html" || depth == Depth)
                {
                    continue;
                }

                var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
                foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    if (Internal(href) is { } target && seen.Add(target))
                    {
                        next.Add((target, url));
                    }
                }
            }

            frontier = next;
        }

        return seen.Count;
    }

    /// <summary>A link into this site, without its fragment; null for other sites, mail links and the sign-out form's target.</summary>
    private static string? Internal(string href)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var target = WebUtility.HtmlDecode(href.Split('#')[0]);
        return target.Length == 0 || target.StartsWith("/account/logout", StringComparison.Ordinal) ? null : target;
    }
}
