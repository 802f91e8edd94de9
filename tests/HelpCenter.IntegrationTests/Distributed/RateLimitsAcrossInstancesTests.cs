using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Pages.Account;

namespace HelpCenter.IntegrationTests.Distributed;

/// <summary>
/// A flood split across two instances: with Redis both count into one window (RedisRateLimiting inside ASP.NET Core's
/// rate limiter); without it each instance counts alone (the control that shows the test measures Redis).
/// </summary>
public sealed class RateLimitsAcrossInstancesTests
{
    private static readonly Dictionary<string, string> FourSignInsPerIp = new()
    {
        ["HelpCenter:Accounts:SignInPermitsPerIp"] = "4",
        ["HelpCenter:Accounts:SignInWindowSeconds"] = "300",
    };

    [Fact]
    public async Task ASignInFloodSplitAcrossTwoInstancesHitsOneSharedLimit()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstanceFactory.StartPairAsync(redis, FourSignInsPerIp);

        var statuses = await FloodAsync(pair, attempts: 6);

        // Four attempts in all, two through each instance; then both refuse, whichever the attacker tries.
        Assert.Equal([200, 200, 200, 200, 429, 429], statuses);
        Assert.Contains(pair.A.Logs, line => line.Contains("Redis configured: rate limits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutRedisEachInstanceCountsItsOwnWindowAndSaysSoAtStart()
    {
        await using var pair = await InstanceFactory.StartPairAsync(redis: null, FourSignInsPerIp);

        var statuses = await FloodAsync(pair, attempts: 8);

        Assert.Equal([200, 200, 200, 200, 200, 200, 200, 200], statuses);
        Assert.Contains(pair.A.Logs, line => line.Contains("No Redis configured", StringComparison.Ordinal) && line.Contains("per instance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheChatFloodCounterIsSharedByTheInstances()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstanceFactory.StartPairAsync(redis);
        var (reference, cookie) = await ChatTestKit.StartChatAsync(pair.A, "二つのサーバーで連投できますか");
        await using var onA = await ChatTestKit.ConnectAsync(pair.A, cookie);
        await using var onB = await ChatTestKit.ConnectAsync(pair.B, cookie);
        await onA.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await onB.InvokeAsync<List<ChatMessage>>("Join", reference, 0);

        // Half of the minute's budget through each instance: all stored.
        for (var i = 0; i < HelpCenter.Chat.ChatHub.MessagesPerMinute; i++)
        {
            var connection = i % 2 == 0 ? onA : onB;
            await connection.InvokeAsync<ChatMessage>("Send", reference, $"flood-message-{i}", $"メッセージ {i}");
        }

        // The next one is refused on either instance: one budget, not one per instance.
        var refusedOnA = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => onA.InvokeAsync<ChatMessage>("Send", reference, "flood-extra-a", "もう一つ"));
        var refusedOnB = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => onB.InvokeAsync<ChatMessage>("Send", reference, "flood-extra-b", "もう一つ"));
        Assert.Contains("rate-limited", refusedOnA.Message, StringComparison.Ordinal);
        Assert.Contains("rate-limited", refusedOnB.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailsToOneRecipientCountOnceAcrossTheInstances()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstanceFactory.StartPairAsync(redis, new Dictionary<string, string> { ["HelpCenter:Mail:PermitsPerRecipientPerHour"] = "2" });
        var mail = new HelpCenter.Mail.MailMessage("victim@example.com", "件名", "本文", "<p>本文</p>", "ja");
        Task<bool> SendAsync(InstanceFactory instance) => instance.Services.GetRequiredService<HelpCenter.Mail.MailSender>().SendAsync(mail);

        // One through each instance leaves; the third is refused on either, whichever instance is asked.
        Assert.True(await SendAsync(pair.A));
        Assert.True(await SendAsync(pair.B));
        Assert.False(await SendAsync(pair.A));
        Assert.False(await SendAsync(pair.B));
        // Another recipient has its own count.
        Assert.True(await pair.B.Services.GetRequiredService<HelpCenter.Mail.MailSender>().SendAsync(mail with { To = "someone-else@example.com" }));
    }

    [Fact]
    public async Task AnAddressWithoutAccountMeetsOneDelayWhicheverInstanceIsAsked()
    {
        // The per-IP window out of the way: this is the per-address count, shared through the database.
        await using var pair = await InstanceFactory.StartPairAsync(redis: null, new Dictionary<string, string> { ["HelpCenter:Accounts:SignInPermitsPerIp"] = "1000" });
        var email = AccountClient.NewEmail();
        var onA = new AccountClient(pair.A);
        var onB = new AccountClient(pair.B);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await (i % 2 == 0 ? onA : onB).LoginAsync(email, "guess " + i)).StatusCode);
        }

        // Five failures in all (three on A, two on B): the next attempt waits on either, as it would for an account.
        Assert.Equal(429, (int)(await onB.LoginAsync(email, "guess 5")).StatusCode);
        Assert.Equal(429, (int)(await onA.LoginAsync(email, "guess 6")).StatusCode);

        // The address is not stored, only its hash.
        await using var scope = pair.A.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HelpCenter.Infrastructure.Data.HelpCenterDbContext>().UnknownSignIns.ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(HelpCenter.Accounts.UnknownSignIn.KeyOf(email), row.Key);
        Assert.DoesNotContain("@", row.Key, StringComparison.Ordinal);
        Assert.Equal(5, row.Failures);
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 6)]
    public async Task TheAnalyticsBudgetIsSharedByTheInstancesWithRedis(bool withRedis, int expectedRows)
    {
        await using var redis = withRedis ? await RedisServer.StartAsync() : null;
        await using var pair = await InstanceFactory.StartPairAsync(redis, new Dictionary<string, string>
        {
            ["HelpCenter:RateLimits:AnalyticsWritesPerVisitorPerMinute"] = "4",
            ["HelpCenter:RateLimits:AnalyticsWritesPerIpPerMinute"] = "100",
        });

        // One visitor (one cookie) searching six times, alternately through A and B.
        var visitor = $"{Guid.NewGuid():N}";
        foreach (var i in Enumerable.Range(0, 6))
        {
            var client = (i % 2 == 0 ? pair.A : pair.B).CreateClient(new() { HandleCookies = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/search?lang=ja&q=" + Uri.EscapeDataString("出金手数料 " + i));
            request.Headers.Add("Cookie", "hc_visitor=" + visitor);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        // With Redis one budget of four; without it each instance allows four of its own (three searches each: all kept).
        await pair.A.FlushAnalyticsAsync();
        await pair.B.FlushAnalyticsAsync();
        await using var scope = pair.A.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<HelpCenter.Infrastructure.Data.HelpCenterDbContext>().SearchLogs
            .CountAsync(l => l.Query.StartsWith("出金手数料"));
        Assert.Equal(expectedRows, rows);
    }

    /// <summary>Wrong passwords for ever new addresses (so that no account's own delay applies), alternating A and B.</summary>
    private static async Task<List<int>> FloodAsync(InstanceFactory.Pair pair, int attempts)
    {
        var onA = new AccountClient(pair.A);
        var onB = new AccountClient(pair.B);
        var statuses = new List<int>();
        for (var i = 0; i < attempts; i++)
        {
            var response = await (i % 2 == 0 ? onA : onB).LoginAsync($"nobody{i}@example.com", "guess");
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }
}
