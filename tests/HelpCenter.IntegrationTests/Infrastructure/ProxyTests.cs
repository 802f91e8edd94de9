using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Infrastructure;

/// <summary>Every request reaches the site from the reverse proxy's address (10.0.0.5), as behind a load balancer.</summary>
public class BehindAProxyFactory : HelpCenterFactory
{
    protected virtual bool TrustTheProxy => true;

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string> { ["HelpCenter:RateLimits:SearchApiPermitsPerMinute"] = "2" };
            if (TrustTheProxy)
            {
                settings["HelpCenter:Proxy:KnownProxies:0"] = "10.0.0.5";
            }

            return settings;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromTheProxy>());
    }

    private sealed class FromTheProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return following(context);
            });
            next(app);
        };
    }
}

public sealed class UntrustedProxyFactory : BehindAProxyFactory
{
    protected override bool TrustTheProxy => false;
}

public sealed class ProxyTests(BehindAProxyFactory proxied, UntrustedProxyFactory direct)
    : IClassFixture<BehindAProxyFactory>, IClassFixture<UntrustedProxyFactory>
{
    private static async Task<HttpStatusCode> SearchAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?q=" + Uri.EscapeDataString("手数料") + "&lang=ja");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task BehindTheKnownProxyEachCustomerHasTheirOwnLimit()
    {
        var client = proxied.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(client, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync(client, "203.0.113.7"));

        // Another customer behind the same proxy is not refused because of the first.
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(client, "198.51.100.20"));
    }

    [Fact]
    public async Task WithoutTheSettingAForgedHeaderBuysNoExtraRequests()
    {
        var client = direct.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(client, "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await SearchAsync(client, "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SearchAsync(client, "203.0.113.3"));
    }
}
