using System.Net;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>The "Also" line of the attack run: what every response tells an attacker.</summary>
public sealed class HttpHygieneTests
{
    [Fact]
    public async Task ServerHeaderDoesNotNameTheWebServer()
    {
        // Kestrel itself writes the header, so this needs the real server on a real port, not the test server.
        await using var factory = new HelpCenterFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        foreach (var path in new[] { "/", "/css/site.css", "/does-not-exist" })
        {
            var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server: {string.Join(", ", response.Headers.Server)}");
        }
    }

    [Fact]
    public async Task RetryAfterTellsTheRealWindowOfTheSignInLimit()
    {
        await using var factory = new StrictSignInFactory();
        await factory.InitializeAsync();
        var client = new AccountClient(factory);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync($"nobody{i}@example.com", "guess")).StatusCode);
        }

        var limited = await client.LoginAsync("nobody3@example.com", "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("No Retry-After in seconds");

        // The window is 600 s and began a moment ago: "60" would send the client back too early nine times out of ten.
        Assert.InRange(retryAfter.TotalSeconds, 540, 600);
        await ((IAsyncLifetime)factory).DisposeAsync();
    }

    [Theory]
    [InlineData("/api/search?q=fee&limit=abc")]
    [InlineData("/api/search?q=fee&offset=99999999999999999999")]
    public async Task MalformedParameterGetsTheSame400InEveryEnvironment(string url)
    {
        var answers = new List<(string Environment, HttpStatusCode Status, string Body)>();
        foreach (var environment in new[] { "Development", "Testing", "Production" })
        {
            await using var factory = new EnvironmentFactory(environment);
            var response = await factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative));
            answers.Add((environment, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        // The same page, apart from the antiforgery token of its search form (random per response).
        Assert.Single(answers.Select(a => System.Text.RegularExpressions.Regex.Replace(a.Body, "value=\"CfDJ8[^\"]+\"", "")).Distinct());
        Assert.All(answers, a => Assert.DoesNotContain("Exception", a.Body, StringComparison.Ordinal));
    }

    public sealed class StrictSignInFactory : Mail.MailFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["HelpCenter:Accounts:SignInPermitsPerIp"] = "2",
            ["HelpCenter:Accounts:SignInWindowSeconds"] = "600",
        };
    }

    private sealed class EnvironmentFactory(string environment) : HelpCenterFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
        }
    }
}
