using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>
/// Two instances of the app on one database, as behind a load balancer: the customer is connected to one, the
/// operator to the other. With the Redis backplane, messages reach the other instance's connections live; without
/// it they are still stored and fetched (the control that shows the test measures the backplane).
/// </summary>
public sealed class ChatAcrossInstancesTests
{
    [Fact]
    public async Task WithTheRedisBackplaneMessagesReachConnectionsOnTheOtherInstance()
    {
        await using var redis = await RedisServer.StartAsync();
        var (delivered, stored) = await ExchangeAsync(redis);
        Assert.Equal(["お客様から", "オペレーターから"], delivered);
        Assert.Equal(3, stored);
    }

    [Fact]
    public async Task WithoutTheBackplaneTheOtherInstanceOnlySeesMessagesWhenItFetches()
    {
        var (delivered, stored) = await ExchangeAsync(redis: null);
        Assert.Empty(delivered);
        Assert.Equal(3, stored);
    }

    /// <summary>Customer on node A sends, operator on node B replies; returns what each received live from the other.</summary>
    private static async Task<(List<string> Delivered, int Stored)> ExchangeAsync(RedisServer? redis)
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-cluster-" + Guid.NewGuid().ToString("N")[..10]);
        var a = new NodeFactory(dataPath, "index-a", redis);
        var b = new NodeFactory(dataPath, "index-b", redis);
        await a.InitializeAsync();
        await b.InitializeAsync();
        try
        {
            _ = a.Server;
            _ = b.Server;
            var (reference, cookie) = await ChatTestKit.StartChatAsync(a, "別のサーバーでも届きますか");
            await using var customer = await ChatTestKit.ConnectAsync(a, cookie);
            var operatorAccount = await ChatTestKit.NewOperatorAsync(b, "小林");
            await using var agent = await ChatTestKit.ConnectAsync(b, operatorAccount);
            var delivered = new List<string>();
            customer.On<ChatMessage>("MessageAdded", m => { if (m.Kind == "Agent") { lock (delivered) { delivered.Add(m.Text); } } });
            agent.On<ChatMessage>("MessageAdded", m => { if (m.Kind == "Customer") { lock (delivered) { delivered.Add(m.Text); } } });
            await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
            await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

            await customer.InvokeAsync<ChatMessage>("Send", reference, "client-node-a1", "お客様から");
            await Task.Delay(redis is null ? 1500 : 0);
            await ChatTestKit.WaitUntilAsync(() => redis is null || delivered.Count == 1, "the customer's message on node B");
            await agent.InvokeAsync<ChatMessage>("AgentSend", reference, "agent-node-b1", "オペレーターから", false);
            await Task.Delay(redis is null ? 1500 : 0);
            await ChatTestKit.WaitUntilAsync(() => redis is null || delivered.Count == 2, "the operator's message on node A");

            // Nothing arrives twice (a connection in two groups of the same message would get it twice).
            await Task.Delay(300);

            // Whatever the push did, the database has everything and either side can fetch it.
            var stored = (await customer.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0)).Count;
            lock (delivered)
            {
                return (delivered.ToList(), stored);
            }
        }
        finally
        {
            await ((IAsyncLifetime)b).DisposeAsync();
            await ((IAsyncLifetime)a).DisposeAsync();
        }
    }

    /// <summary>One instance: the shared database and keys, its own search index (each node builds it from the content;
    /// on one machine the default index folder, named after the machine, would be shared).</summary>
    private sealed class NodeFactory(string dataPath, string index, RedisServer? redis) : MailFactory
    {
        protected override IReadOnlyDictionary<string, string> ExtraSettings
        {
            get
            {
                var settings = new Dictionary<string, string> { ["HelpCenter:DataPath"] = dataPath, ["HelpCenter:Search:IndexPath"] = index };
                if (redis is not null)
                {
                    // The older setting, still honoured as an alias of HelpCenter:Redis:ConnectionString.
                    settings["HelpCenter:Chat:RedisBackplane"] = redis.ConnectionString;
                    settings["HelpCenter:Redis:KeyPrefix"] = redis.KeyPrefix;
                }

                return settings;
            }
        }
    }
}
