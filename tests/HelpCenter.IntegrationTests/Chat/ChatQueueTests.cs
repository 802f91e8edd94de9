using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.Requests;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpCenter.IntegrationTests.Chat.ChatTestKit;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>
/// The chat queue through the hub: places and estimates, automatic assignment by language and load, the per-operator
/// limit, claiming races, transfers, presence and read marks. Each test has its own app and database: the queue is
/// global state.
/// </summary>
public sealed class ChatQueueTests : IAsyncLifetime, IDisposable
{
    private readonly MailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task AWaitingCustomerSeesTheirPlaceAndIsAssignedWhenAnOperatorComesOnline()
    {
        var (first, firstCookie) = await StartChatAsync(_factory, "出金が届きません");
        var (second, secondCookie) = await StartChatAsync(_factory, "口座が凍結されました");
        await using var customer = await ConnectAsync(_factory, secondCookie);
        var messages = new List<ChatMessage>();
        var statusChanges = 0;
        customer.On<ChatMessage>("MessageAdded", m => { lock (messages) { messages.Add(m); } });
        customer.On<string, string?>("StatusChanged", (_, _) => Interlocked.Increment(ref statusChanges));
        await customer.InvokeAsync<List<ChatMessage>>("Join", second, 0);

        await using (var other = await ConnectAsync(_factory, firstCookie))
        {
            await other.InvokeAsync<ChatMessage>("Send", first, "client-first-1", "至急お願いします");
        }

        // Writing a message declines the offered articles: the chat joins the queue behind the first one.
        Assert.Equal(ChatStage.Offered, (await customer.InvokeAsync<ChatStatus>("Status", second)).Stage);
        await customer.InvokeAsync<ChatMessage>("Send", second, "client-second-1", "ログインできません");
        var waiting = await customer.InvokeAsync<ChatStatus>("Status", second);
        Assert.Equal((ChatStage.Waiting, 2, 0), (waiting.Stage, waiting.Place, waiting.OperatorsOnline));
        // chat.js reads the stage by its lower-case name.
        Assert.Equal("waiting", (await customer.InvokeAsync<System.Text.Json.JsonElement>("Status", second)).GetProperty("stage").GetString());
        Assert.Null(waiting.EstimateMinutes);

        var operatorAccount = await NewOperatorAsync(_factory, "佐藤");
        await using var agent = await ConnectAsync(_factory, operatorAccount);
        var assigned = new List<string>();
        agent.On<string>("ChatAssigned", r => { lock (assigned) { assigned.Add(r); } });
        Assert.Equal("Online", await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" }));

        // Oldest first: both fit under the limit of 3.
        await WaitUntilAsync(() => { lock (assigned) { return assigned.Count == 2; } }, "two assignments");
        Assert.Equal([first, second], assigned);
        await WaitUntilAsync(() => { lock (messages) { return messages.Any(m => m.Kind == "System" && m.Text == "assigned"); } }, "the assigned message");
        var active = await customer.InvokeAsync<ChatStatus>("Status", second);
        Assert.Equal((ChatStage.Active, "佐藤"), (active.Stage, active.Operator));
        Assert.True(statusChanges >= 1);
        lock (messages)
        {
            Assert.Equal("佐藤", messages.Single(m => m.Kind == "System").Author);
        }
    }

    [Fact]
    public async Task AssignmentMatchesTheLanguageSpreadsTheLoadAndStopsAtTheLimit()
    {
        var japanese = await NewOperatorAsync(_factory, "田中");
        var bilingual = await NewOperatorAsync(_factory, "Lee");
        await using var ja = await ConnectAsync(_factory, japanese);
        await using var both = await ConnectAsync(_factory, bilingual);
        await ja.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        await both.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja", "en" });

        var english = await QueueAsync("I cannot withdraw", "en");
        var japaneseChats = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            japaneseChats.Add(await QueueAsync($"出金について {i}", "ja"));
        }

        var chats = await ChatsAsync();
        var tanaka = await IdOfAsync("田中");
        var lee = await IdOfAsync("Lee");
        Assert.Equal(lee, chats[english].AssignedToId);

        // 6 chats, 2 operators x 3 slots: all assigned, 3 each, English only to the one who speaks it.
        Assert.All(japaneseChats, r => Assert.NotNull(chats[r].AssignedToId));
        Assert.Equal(3, chats.Values.Count(r => r.AssignedToId == tanaka));
        Assert.Equal(3, chats.Values.Count(r => r.AssignedToId == lee));

        // The seventh waits, first in line, with an estimate; claiming it at the limit is refused.
        var seventh = await QueueAsync("出金について 7", "ja", keep: true);
        Assert.Null((await ChatsAsync())[seventh.Reference].AssignedToId);
        var status = await seventh.Connection.InvokeAsync<ChatStatus>("Status", seventh.Reference);
        Assert.Equal((ChatStage.Waiting, 1, 2), (status.Stage, status.Place, status.OperatorsOnline));
        Assert.NotNull(status.EstimateMinutes);
        Assert.Equal("AtLimit", await ja.InvokeAsync<string>("Claim", seventh.Reference));

        // Closing one of Tanaka's chats frees a slot: the waiting chat goes to him.
        await CloseAsync(japaneseChats.First(r => chats[r].AssignedToId == tanaka));
        Assert.Equal(tanaka, (await ChatsAsync())[seventh.Reference].AssignedToId);
        await seventh.Connection.DisposeAsync();
    }

    [Fact]
    public async Task AnOfflineOperatorWhoTakesAChatKeepsItAndBecomesAway()
    {
        var account = await NewOperatorAsync(_factory, "オフライン");
        await using var agent = await ConnectAsync(_factory, account);
        Assert.Equal("Offline", await agent.InvokeAsync<string>("AgentConsole", "Offline", new[] { "ja" }));
        var reference = await QueueAsync("オフラインのまま対応", "ja");

        Assert.Equal("Claimed", await agent.InvokeAsync<string>("Claim", reference));

        // The next heartbeat hands back chats of operators who are offline: this one is away now, and keeps it.
        Assert.Equal("Away", await agent.InvokeAsync<string>("AgentConsole", null, null));
        Assert.NotNull((await ChatsAsync())[reference].AssignedToId);
    }

    [Fact]
    public async Task OnlyOneOfTwoOperatorsClaimingAtOnceGetsTheChat()
    {
        var reference = await QueueAsync("同時に取り合い", "ja");
        var one = await NewOperatorAsync(_factory, "一");
        var two = await NewOperatorAsync(_factory, "二");
        await using var first = await ConnectAsync(_factory, one);
        await using var second = await ConnectAsync(_factory, two);

        var results = await Task.WhenAll(first.InvokeAsync<string>("Claim", reference), second.InvokeAsync<string>("Claim", reference));
        Assert.Equal(["Claimed", "Taken"], results.Order());
        var messages = await first.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        Assert.Single(messages, m => m.Kind == "System" && m.Text == "assigned");
    }

    [Fact]
    public async Task GoingOfflineHandsChatsBackAndTransfersMoveThem()
    {
        var account = await NewOperatorAsync(_factory, "鈴木");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja", "en" });
        var reference = await QueueAsync("二段階認証の再設定", "ja");
        Assert.NotNull((await ChatsAsync())[reference].AssignedToId);

        // Away keeps the chat (and takes no new one); offline hands it back to the queue at its place.
        await agent.InvokeAsync<string>("AgentConsole", "Away", null);
        var next = await QueueAsync("別の質問", "ja");
        Assert.NotNull((await ChatsAsync())[reference].AssignedToId);
        Assert.Null((await ChatsAsync())[next].AssignedToId);
        await agent.InvokeAsync<string>("AgentConsole", "Offline", null);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatQueue>().AssignWaitingAsync();
        }

        Assert.Null((await ChatsAsync())[reference].AssignedToId);

        // Back online: the first chat again, then the transfer to the English queue puts it back in line.
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        Assert.Equal(await IdOfAsync("鈴木"), (await ChatsAsync())[reference].AssignedToId);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var queue = scope.ServiceProvider.GetRequiredService<ChatQueue>();
            var request = (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
            await queue.TransferAsync(request, null, "en", "鈴木");
        }

        var moved = (await ChatsAsync())[reference];
        Assert.Equal(("en", null), (moved.Language, moved.AssignedToId));
        var messages = await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        Assert.Contains(messages, m => m.Kind == "System" && m.Text == "transferred");
    }

    [Fact]
    public async Task ReadMarksTravelBothWaysAndNeverMoveBack()
    {
        var account = await NewOperatorAsync(_factory, "高橋");
        await using var agent = await ConnectAsync(_factory, account);
        var (reference, cookie) = await StartChatAsync(_factory, "既読テスト");
        await using var customer = await ConnectAsync(_factory, cookie);
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        var operatorSaw = new List<int>();
        agent.On<string, string, int>("Read", (_, who, sequence) => { lock (operatorSaw) { operatorSaw.Add(sequence); } });
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);
        var reply = await agent.InvokeAsync<ChatMessage>("AgentSend", reference, "agent-read-01", "確認します", false);

        await customer.InvokeAsync("MarkRead", reference, reply.Sequence);
        await WaitUntilAsync(() => { lock (operatorSaw) { return operatorSaw.Contains(reply.Sequence); } }, "the read mark");
        await customer.InvokeAsync("MarkRead", reference, 1);
        await customer.InvokeAsync("MarkRead", reference, 999);
        await agent.InvokeAsync("AgentMarkRead", reference, 1);
        var chat = (await ChatsAsync())[reference];
        Assert.Equal((reply.Sequence, 1), (chat.CustomerReadSequence, chat.AgentReadSequence));
        Assert.Equal(1, (await customer.InvokeAsync<ChatStatus>("Status", reference)).AgentReadSequence);
    }

    [Fact]
    public async Task ACustomerWhoSwitchesTheChatLanguageIsRoutedToAnOperatorWhoSpeaksIt()
    {
        var account = await NewOperatorAsync(_factory, "Emma");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "en" });
        var (reference, cookie) = await StartChatAsync(_factory, "出金できません");
        var cookies = new System.Net.CookieContainer();
        cookies.SetCookies(_factory.Server.BaseAddress, cookie);
        var browser = _factory.CreateBrowserLikeClient("ja", cookies);

        var page = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        await page.SubmitAsync(browser, "form[action*=Queue]", new Dictionary<string, string>());
        page = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        Assert.Contains("対応できるオペレーターがいません", page.Find("#hc-chat-status")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await page.SubmitAsync(browser, "form[action*=Language]", new Dictionary<string, string> { ["language"] = "ko" })).StatusCode);

        await page.SubmitAsync(browser, "form[action*=Language]", new Dictionary<string, string> { ["language"] = "en" });
        var chat = (await ChatsAsync())[reference];
        Assert.Equal(("en", await IdOfAsync("Emma")), (chat.Language, chat.AssignedToId));
        page = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        Assert.Contains("Emma", page.Find("#hc-chat-status")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("form[action*=Language]"));
    }

    [Fact]
    public async Task CustomersCannotUseOperatorMethods()
    {
        var (reference, cookie) = await StartChatAsync(_factory, "なりすまし");
        await using var customer = await ConnectAsync(_factory, cookie);
        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" }));
        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync<string>("Claim", reference));
        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync("AgentMarkRead", reference, 1));
        await Assert.ThrowsAsync<HubException>(() => customer.InvokeAsync("AgentTyping", reference));
        var account = await NewOperatorAsync(_factory, "検証");
        await using var agent = await ConnectAsync(_factory, account);
        await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<string>("AgentConsole", "Busy", null));
        await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja", "en", "zh", "ko" }));
        Assert.Null((await ChatsAsync())[reference].AssignedToId);
    }

    private async Task<string> QueueAsync(string question, string language) => (await QueueAsync(question, language, keep: false)).Reference;

    /// <summary>A chat whose customer declined the articles (it joins the queue).</summary>
    private async Task<(string Reference, HubConnection Connection)> QueueAsync(string question, string language, bool keep)
    {
        var (reference, cookie) = await StartChatAsync(_factory, question, language);
        var customer = await ConnectAsync(_factory, cookie);
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "client-" + Guid.NewGuid().ToString("N"), question);
        if (!keep)
        {
            await customer.DisposeAsync();
        }

        return (reference, customer);
    }

    private async Task CloseAsync(string reference)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var request = (await scope.ServiceProvider.GetRequiredService<RequestService>().FindAsync(reference))!;
        await scope.ServiceProvider.GetRequiredService<ChatQueue>().CloseAsync(request, "answered", null, "test");
    }

    private async Task<Dictionary<string, SupportRequest>> ChatsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        return await db.Requests.AsNoTracking().Where(r => r.Channel == RequestChannel.Chat).ToDictionaryAsync(r => r.Reference);
    }

    private async Task<string> IdOfAsync(string displayName)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        return (await db.Users.SingleAsync(u => u.DisplayName == displayName)).Id;
    }
}
