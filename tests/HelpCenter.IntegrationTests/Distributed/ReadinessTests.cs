using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HelpCenter.IntegrationTests.Chat;

namespace HelpCenter.IntegrationTests.Distributed;

/// <summary>With Redis configured, readiness includes it: an instance that cannot reach the shared Redis would count
/// rate limits alone and miss other instances' chat pushes, so it must not take traffic.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task ReadinessReportsRedisAndTheSearchIndexWhenRedisIsConfigured()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstanceFactory.StartPairAsync(redis);

        var response = await pair.A.CreateClient().GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var ready = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", ready.RootElement.GetProperty("redis").GetProperty("status").GetString());
        Assert.True(ready.RootElement.GetProperty("search").GetProperty("ready").GetBoolean());
        Assert.True(ready.RootElement.GetProperty("search").GetProperty("contentVersion").GetInt64() > 0);
    }

    [Fact]
    public async Task AnInstanceThatCannotReachItsRedisIsNotReadyButStillLive()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-cluster-" + Guid.NewGuid().ToString("N")[..10]);
        await using var instance = new InstanceFactory(dataPath, "a", null, new Dictionary<string, string>
        {
            ["HelpCenter:Redis:ConnectionString"] = $"127.0.0.1:{closedPort},connectTimeout=500,syncTimeout=500,asyncTimeout=500",
        });
        await instance.InitializeAsync();
        var client = instance.CreateClient();

        var ready = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("unreachable", report.RootElement.GetProperty("redis").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz/live", UriKind.Relative))).StatusCode);

        // Rate-limited endpoints still answer: the limit counts in this instance while Redis is away.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString("手数料"), UriKind.Relative))).StatusCode);
        Assert.Contains(instance.Logs, line => line.Contains("counting in this instance", StringComparison.Ordinal));
    }
}
