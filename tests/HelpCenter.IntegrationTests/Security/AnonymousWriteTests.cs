using System.Net;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>The site's own analytics limits, low enough to reach in a test.</summary>
public sealed class StrictAnalyticsFactory : HelpCenterFactory
{
    public const int PerVisitor = 10;
    public const int PerIp = 25;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["HelpCenter:RateLimits:AnalyticsWritesPerVisitorPerMinute"] = PerVisitor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HelpCenter:RateLimits:AnalyticsWritesPerIpPerMinute"] = PerIp.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Finding 15: anonymous GETs of /contact and /search each wrote a row, without limit.</summary>
public sealed class AnonymousWriteTests(StrictAnalyticsFactory factory) : IClassFixture<StrictAnalyticsFactory>
{
    [Fact]
    public async Task BareGetsOfTheContactPageWriteNothing()
    {
        var before = await CountAsync(db => db.ContactFlows);
        var script = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/contact", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(before, await CountAsync(db => db.ContactFlows));

        // A visitor who does something with the page (here, types a question) is recorded as before.
        var visitor = factory.CreateBrowserLikeClient();
        var flow = await SecurityKit.StartFlowAsync(visitor);
        var suggestions = await visitor.GetAsync(new Uri($"/api/contact/suggest?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("出金が届きません")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, suggestions.StatusCode);
        Assert.Equal(1, await CountAsync(db => db.ContactFlows.Where(f => f.Question == "出金が届きません")));
    }

    [Fact]
    public async Task SearchesWriteABoundedNumberOfRowsPerVisitorAndAddress()
    {
        var before = await CountAsync(db => db.SearchLogs);
        var visitor = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/contact", UriKind.Relative))).StatusCode);
        for (var i = 0; i < StrictAnalyticsFactory.PerVisitor * 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString("出金手数料 " + i), UriKind.Relative))).StatusCode);
        }

        Assert.Equal(StrictAnalyticsFactory.PerVisitor, await CountAsync(db => db.SearchLogs) - before);

        // A script that keeps no cookies, or invents a new one for every request: the address bounds it.
        var script = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        for (var i = 0; i < StrictAnalyticsFactory.PerIp * 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/search?q=" + Uri.EscapeDataString("送金 " + i));
            request.Headers.Add("Cookie", $"hc_visitor={Guid.NewGuid():N}");
            Assert.Equal(HttpStatusCode.OK, (await script.SendAsync(request)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await script.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString("入金 " + i), UriKind.Relative))).StatusCode);
        }

        // (The other test of this class may have spent a little of the address's budget in the same minute.)
        Assert.InRange(await CountAsync(db => db.SearchLogs) - before, StrictAnalyticsFactory.PerIp - 2, StrictAnalyticsFactory.PerIp);
    }

    private async Task<int> CountAsync<T>(Func<HelpCenterDbContext, IQueryable<T>> rows)
    {
        // Searches reach the database through the analytics writer's batches: count what has been written.
        await factory.FlushAnalyticsAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        return await rows(scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>()).CountAsync();
    }
}
