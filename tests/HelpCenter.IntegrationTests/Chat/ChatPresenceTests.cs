using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.Requests;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpCenter.IntegrationTests.Chat.ChatTestKit;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>
/// Presence expires by itself: an operator whose console went silent loses their chats to the queue (at their place)
/// on the monitor's timer, with no request from anyone, and the customer hears of it live. Two monitors at once
/// (two instances) hand each chat back once.
/// </summary>
public sealed class ChatPresenceTests : IAsyncLifetime, IDisposable
{
    private readonly PresenceFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task ChatsOfASilentOperatorGoBackToTheQueueOnTimeKeepingTheirPlaceAndTheCustomerSeesItLive()
    {
        _factory.CheckInterval = TimeSpan.FromSeconds(1);
        var account = await NewOperatorAsync(_factory, "山本");
        await using (var agent = await ConnectAsync(_factory, account))
        {
            await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        }

        // One slot: the first chat is assigned, the second waits.
        var (first, firstCookie) = await StartChatAsync(_factory, "出金が反映されません");
        await using var customer = await ConnectAsync(_factory, firstCookie);
        var statusChanges = 0;
        customer.On<string, string?>("StatusChanged", (_, _) => Interlocked.Increment(ref statusChanges));
        await customer.InvokeAsync<List<ChatMessage>>("Join", first, 0);
        await customer.InvokeAsync<ChatMessage>("Send", first, "client-presence-1", "至急です");
        var (second, secondCookie) = await StartChatAsync(_factory, "口座の凍結について");
        await using (var other = await ConnectAsync(_factory, secondCookie))
        {
            await other.InvokeAsync<ChatMessage>("Send", second, "client-presence-2", "お願いします");
        }

        Assert.Equal(ChatStage.Active, (await customer.InvokeAsync<ChatStatus>("Status", first)).Stage);
        Assert.Equal(1, (await StatusOfAsync(second)).Place);
        var changesBefore = Volatile.Read(ref statusChanges);

        // The operator's laptop closes: no "offline", no more heartbeats. Nobody else does anything either.
        await SilenceAsync("山本", TimeSpan.FromMinutes(3));
        await WaitUntilAsync(() => Volatile.Read(ref statusChanges) > changesBefore, "the customer's live status change");

        var back = await customer.InvokeAsync<ChatStatus>("Status", first);
        Assert.Equal((ChatStage.Waiting, 1, 0), (back.Stage, back.Place, back.OperatorsOnline));
        Assert.Equal(2, (await StatusOfAsync(second)).Place);
        var stored = await ChatAsync(first);
        Assert.Null(stored.AssignedToId);
        Assert.NotNull(stored.QueuedAt);
    }

    [Fact]
    public async Task TwoInstancesCheckingAtOnceHandEachChatBackOnce()
    {
        _factory.CheckInterval = TimeSpan.FromMinutes(5);
        var account = await NewOperatorAsync(_factory, "中村");
        await using (var agent = await ConnectAsync(_factory, account))
        {
            await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        }

        var (reference, cookie) = await StartChatAsync(_factory, "二重に戻されませんか");
        await using var customer = await ConnectAsync(_factory, cookie);
        var statusChanges = 0;
        customer.On<string, string?>("StatusChanged", (_, _) => Interlocked.Increment(ref statusChanges));
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "client-presence-3", "よろしくお願いします");
        Assert.NotNull((await ChatAsync(reference)).AssignedToId);
        await Task.Delay(500);
        var changesBefore = Volatile.Read(ref statusChanges);

        await SilenceAsync("中村", TimeSpan.FromMinutes(3));
        await using var one = _factory.Services.CreateAsyncScope();
        await using var two = _factory.Services.CreateAsyncScope();
        var results = await Task.WhenAll(
            one.ServiceProvider.GetRequiredService<ChatQueue>().AssignWaitingAsync(),
            two.ServiceProvider.GetRequiredService<ChatQueue>().AssignWaitingAsync());

        Assert.Equal(1, results.Sum());
        await Task.Delay(1000);
        Assert.Equal(changesBefore + 1, Volatile.Read(ref statusChanges));
        Assert.Null((await ChatAsync(reference)).AssignedToId);
    }

    [Fact]
    public async Task AnAssignedChatLosesTheNewBadge()
    {
        var account = await NewOperatorAsync(_factory, "小川");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        var (reference, cookie) = await StartChatAsync(_factory, "新規のままですか");
        Assert.Equal(RequestStatus.New, (await ChatAsync(reference)).Status);
        await using var customer = await ConnectAsync(_factory, cookie);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "client-presence-4", "確認をお願いします");

        Assert.Equal(RequestStatus.Open, (await ChatAsync(reference)).Status);
        var panel = await account.Http.GetStringAsync($"/agent/chats?handler=Panel&reference={reference}");
        Assert.DoesNotContain(">新規<", panel, StringComparison.Ordinal);
        Assert.Contains(">対応中<", panel, StringComparison.Ordinal);
    }

    private async Task SilenceAsync(string displayName, TimeSpan ago)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var presence = await db.AgentPresences.SingleAsync(p => p.DisplayName == displayName);
        presence.LastSeenAt = DateTimeOffset.UtcNow - ago;
        await db.SaveChangesAsync();
    }

    private async Task<ChatStatus> StatusOfAsync(string reference)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var request = (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
        return await scope.ServiceProvider.GetRequiredService<ChatQueue>().StatusAsync(request);
    }

    private async Task<SupportRequest> ChatAsync(string reference)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Reference == reference);
    }

    private sealed class PresenceFactory : MailFactory
    {
        public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(1);

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["HelpCenter:Chat:MaxConcurrentChats"] = "1",
            ["HelpCenter:Chat:SuggestedArticles"] = "0",
            ["HelpCenter:Chat:PresenceCheckInterval"] = CheckInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
