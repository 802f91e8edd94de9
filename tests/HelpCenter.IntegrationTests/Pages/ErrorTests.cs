using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages;

/// <summary>A host with an endpoint that fails, to see what a visitor and the log get.</summary>
public sealed class FailingHostFactory : HelpCenterFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingStartupFilter>());
    }

    private sealed class ThrowingStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test-failure", failing => failing.Run(_ => throw new InvalidOperationException("secret internal detail")));
        };
    }
}

public sealed class ErrorTests(FailingHostFactory factory) : IClassFixture<FailingHostFactory>
{
    [Fact]
    public async Task UnexpectedFailureShowsACorrelationIdThatIsAlsoInTheLog()
    {
        var client = factory.CreateBrowserLikeClient();

        var page = await HtmlPage.GetAsync(client, "/test-failure");

        Assert.Equal(500, page.Status);
        Assert.Equal("エラーが発生しました", page.Heading);
        var id = page.Find(".correlation-id")!.TextContent;
        Assert.Matches("^[0-9a-f]{12}$", id);
        Assert.Equal(id, page.Response.Headers.GetValues("X-Correlation-Id").Single());
        Assert.DoesNotContain("secret internal detail", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", page.Html, StringComparison.Ordinal);
        Assert.Contains(factory.Logs, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains($"CorrelationId={id}", StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WellFormedIncomingCorrelationIdIsKeptAndHostileOneReplaced()
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Correlation-Id", "proxy-1234abcd");
        var kept = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("proxy-1234abcd", kept.Headers.GetValues("X-Correlation-Id").Single());

        var hostile = factory.CreateBrowserLikeClient();
        hostile.DefaultRequestHeaders.TryAddWithoutValidation("X-Correlation-Id", "x\r\nInjected: yes <script>");
        var replaced = await hostile.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Matches("^[0-9a-f]{12}$", replaced.Headers.GetValues("X-Correlation-Id").Single());
    }
}
