using HelpCenter.Accounts;
using HelpCenter.IntegrationTests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests.Pages;

/// <summary>Every GET page of the app (from its endpoint list), opened by an admin in Chromium: no CSP violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageCspTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryPageLoadsWithoutAContentSecurityPolicyViolation()
    {
        string customerId;
        await using (var scope = browser.Factory.Services.CreateAsyncScope())
        {
            customerId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("customer@example.com"))!.Id;
        }

        var reference = await IntegrationTests.Pages.AuthorizationMatrixTests.CreateRequestAsync(browser.Factory.Services, customerId);
        var page = await browser.NewPageAsync("ja-JP");
        var violations = new List<string>();
        var current = "";
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add($"{current}: {message.Text}");
            }
        };

        await BrowserFixture.SignInAsStaffAsync(page, "admin@example.com");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("アカウント設定");

        var visited = 0;
        foreach (var pattern in EndpointCatalog.GetPatterns(browser.Factory.Services))
        {
            var url = EndpointCatalog.Fill(pattern, customerId, reference);
            if (url.StartsWith("/api/", StringComparison.Ordinal) || url.StartsWith("/hubs/", StringComparison.Ordinal) || url is "/healthz" or "/search/click" or "/account/external-login")
            {
                continue; // JSON and redirects, not pages
            }

            current = url;
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            visited++;
        }

        Assert.True(visited >= 40, $"only {visited} pages visited");
        Assert.Empty(violations);
    }
}
