using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.IntegrationTests.Pages.Editor;
using HelpCenter.IntegrationTests.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace HelpCenter.IntegrationTests.MultiInstance;

/// <summary>Two real app processes sharing one database and one Redis (<see cref="TwoInstanceCluster"/>).</summary>
public sealed class TwoProcessTests(TwoInstanceCluster cluster, ITestOutputHelper output) : IClassFixture<TwoInstanceCluster>
{
    [Fact]
    public async Task ACustomerChatsThroughAWhileTheOperatorAnswersThroughBAndNothingIsLostOrReordered()
    {
        var customerCookies = new CookieContainer();
        var customerHttp = cluster.A.CreateClient(customerCookies);
        var (reference, _) = await SecurityKit.StartChatAsync(customerHttp, "二台のサーバーでも順番どおりに届きますか");
        var operatorAccount = await SignInAsync(cluster.B, "agent@example.com");

        await using var customer = await ConnectAsync(cluster.A, customerCookies);
        await using var agent = await ConnectAsync(cluster.B, operatorAccount.Cookies);
        var seenByAgent = new List<string>();
        var seenByCustomer = new List<string>();
        agent.On<ChatMessage>("MessageAdded", m => { if (m.Kind == "Customer") { lock (seenByAgent) { seenByAgent.Add(m.Text); } } });
        customer.On<ChatMessage>("MessageAdded", m => { if (m.Kind == "Agent") { lock (seenByCustomer) { seenByCustomer.Add(m.Text); } } });
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

        const int Rounds = 10;
        for (var i = 1; i <= Rounds; i++)
        {
            await customer.InvokeAsync<ChatMessage>("Send", reference, $"customer-message-{i}", $"お客様 {i}");
            await agent.InvokeAsync<ChatMessage>("AgentSend", reference, $"agent-message-{i}", $"オペレーター {i}", false);
        }

        var expectedFromCustomer = Enumerable.Range(1, Rounds).Select(i => $"お客様 {i}").ToList();
        var expectedFromAgent = Enumerable.Range(1, Rounds).Select(i => $"オペレーター {i}").ToList();
        await WaitAsync(() => { lock (seenByAgent) { lock (seenByCustomer) { return seenByAgent.Count >= Rounds && seenByCustomer.Count >= Rounds; } } },
            "live delivery across the instances");
        lock (seenByAgent)
        {
            Assert.Equal(expectedFromCustomer, seenByAgent);
        }

        lock (seenByCustomer)
        {
            Assert.Equal(expectedFromAgent, seenByCustomer);
        }

        // Stored in the order sent, whichever instance took each, with sequence numbers without gaps.
        var stored = (await customer.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0))
            .Where(m => m.Kind is "Customer" or "Agent").ToList();
        var conversation = stored.Select(m => m.Text).Where(t => t.StartsWith("お客様 ", StringComparison.Ordinal) || t.StartsWith("オペレーター ", StringComparison.Ordinal)).ToList();
        Assert.Equal(expectedFromCustomer.Zip(expectedFromAgent, (c, a) => new[] { c, a }).SelectMany(x => x), conversation);
        var sequences = (await customer.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0)).Select(m => m.Sequence).ToList();
        Assert.Equal(Enumerable.Range(sequences[0], sequences.Count), sequences);
    }

    [Fact]
    public async Task AnEditorPublishOnAIsFoundBySearchOnBWithinTwoSeconds()
    {
        var editor = new EditorClient(await SignInAsync(cluster.A, "editor@example.com"));
        var slug = "comet-" + Guid.NewGuid().ToString("N")[..6];
        var id = await editor.CreateAsync(slug, "コメット定期便とは", "コメット定期便は毎週自動で積み立てる新しいサービスです。\n");
        Assert.DoesNotContain(slug, await SearchSlugsAsync(cluster.B, "コメット定期便"));

        await editor.StepAsync(id, "Publish");
        var published = Stopwatch.StartNew();
        while (!(await SearchSlugsAsync(cluster.B, "コメット定期便")).Contains(slug))
        {
            Assert.True(published.Elapsed < TimeSpan.FromSeconds(20), "B never found the article: " + cluster.B.Describe());
            await Task.Delay(50);
        }

        output.WriteLine($"Published on A ({cluster.Provider}), found by search on B after {published.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(published.Elapsed < TimeSpan.FromSeconds(2), $"found on B after {published.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task ASignInOnAIsValidOnB()
    {
        // The seeded customer has no second step: the password alone signs in.
        var account = new AccountClient(cookies => cluster.A.CreateClient(cookies), cluster.CodesFolder);
        Assert.Equal(HttpStatusCode.Redirect, (await account.LoginAsync("customer@example.com", Mail.MailFactory.DevelopmentPassword)).StatusCode);
        var onB = new HttpClient(new HttpClientHandler { CookieContainer = account.Cookies, AllowAutoRedirect = false }) { BaseAddress = cluster.B.BaseAddress };

        // The cookie was issued for A's address; the same cookie sent to B, as a load balancer would.
        foreach (Cookie cookie in account.Cookies.GetCookies(cluster.A.BaseAddress))
        {
            account.Cookies.Add(cluster.B.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }

        var page = await onB.GetAsync(new Uri("/account/manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task ASignInFloodSplitAcrossAAndBHitsOneSharedLimit()
    {
        // Guesses at one address (no account behind it, so nothing reveals that), alternating the instances: the count
        // is in the shared database, so the sixth guess waits on either instance. (The per-address limit; the per-IP
        // window is shared through Redis, Distributed/RateLimitsAcrossInstancesTests.)
        var email = AccountClient.NewEmail();
        var onA = new AccountClient(cookies => cluster.A.CreateClient(cookies), cluster.CodesFolder);
        var onB = new AccountClient(cookies => cluster.B.CreateClient(cookies), cluster.CodesFolder);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? onA : onB).LoginAsync(email, "guess " + i)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await onB.LoginAsync(email, "guess 5")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.LoginAsync(email, "guess 6")).StatusCode);
    }

    private async Task<AccountClient> SignInAsync(AppProcess instance, string email)
    {
        var account = new AccountClient(cookies => instance.CreateClient(cookies), cluster.CodesFolder);
        var response = await account.LoginAsync(email, Mail.MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return account;
    }

    private static async Task<HubConnection> ConnectAsync(AppProcess instance, CookieContainer cookies)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(instance.BaseAddress, ChatHub.Path), options => options.Cookies = cookies)
            .Build();
        await connection.StartAsync();
        return connection;
    }

    private static async Task<List<string>> SearchSlugsAsync(AppProcess instance, string query)
    {
        using var client = new HttpClient { BaseAddress = instance.BaseAddress };
        var json = await client.GetStringAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString(query), UriKind.Relative));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("slug").GetString()!).ToList();
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }
}
