using System.Text.Json;

namespace HelpCenter.IntegrationTests;

public sealed class HealthTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task HealthReportsDatabaseAndArticlesPerLanguage()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal("ok", root.GetProperty("database").GetString());
        Assert.True(root.GetProperty("articles").GetProperty("ja").GetInt32() >= 45);
        Assert.True(root.GetProperty("articles").GetProperty("en").GetInt32() >= 12);
        Assert.True(root.GetProperty("articles").GetProperty("zh").GetInt32() >= 12);
    }

    [Fact]
    public async Task ReadinessChecksDatabaseArticlesAndSearchAndLivenessChecksNothing()
    {
        var client = factory.CreateClient();

        using var ready = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative)));
        Assert.Equal("ok", ready.RootElement.GetProperty("status").GetString());
        Assert.Equal(["articles", "database", "search", "status"], ready.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("mecab", ready.RootElement.GetProperty("search").GetProperty("analyzer").GetString());

        using var live = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz/live", UriKind.Relative)));
        Assert.Equal(["status"], live.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
