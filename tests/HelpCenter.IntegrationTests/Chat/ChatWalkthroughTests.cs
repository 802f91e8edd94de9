using System.Net;
using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpCenter.IntegrationTests.Chat.ChatTestKit;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>
/// What the first walk-through as customer and operator hit (issue 14, chat items): availability before committing,
/// no second offer of declined articles, the question once after "continue by email", ending a chat, canned replies
/// for unnamed customers, landing on the console, article titles in the context. Each test has its own app: presence
/// and the queue are global state.
/// </summary>
public sealed class ChatWalkthroughTests : IAsyncLifetime, IDisposable
{
    private readonly MailFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task TheChannelPageShowsRealAvailabilityForTheLanguageAndOffersEmailFirstWhenNobodyIsOnline()
    {
        var client = _factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("出金が届きません")}");

        // Nobody online: chat does not promise a reply, and email/callback come first with the question carried over.
        var cards = channels.FindAll(".channel-cards > li");
        Assert.NotEqual("チャット", cards[0].QuerySelector("h2")!.TextContent.Trim());
        var chatCard = cards.Single(c => c.QuerySelector("h2")!.TextContent.Trim() == "チャット");
        Assert.Contains("対応できるオペレーターがいません", chatCard.QuerySelector("[data-chat-availability]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("分以内", chatCard.TextContent, StringComparison.Ordinal);
        var email = await HtmlPage.GetAsync(client, cards[0].QuerySelector("a.button")!.GetAttribute("href")!);
        Assert.Contains("出金が届きません", email.Find("textarea[name='Input.Description']")!.TextContent, StringComparison.Ordinal);

        // An operator for Japanese comes online: free now; in English still nobody.
        var account = await NewOperatorAsync(_factory, "佐々木");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}");
        Assert.Equal("チャット", channels.Find(".channel-cards > li h2")!.TextContent.Trim());
        Assert.Contains("対応可能なオペレーター 1 人", channels.Find("[data-chat-availability]")!.TextContent, StringComparison.Ordinal);

        var english = _factory.CreateBrowserLikeClient("en");
        var englishFlow = await StartFlowAsync(english, "en");
        var englishChannels = await HtmlPage.GetAsync(english, $"/contact/channels?flow={Uri.EscapeDataString(englishFlow)}&q=withdrawal");
        Assert.Contains("No operator for your language", englishChannels.Find("[data-chat-availability]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChannelPageGivesAWaitEstimateWhenEveryOperatorIsBusy()
    {
        var account = await NewOperatorAsync(_factory, "石井");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        for (var i = 0; i < 4; i++)
        {
            var (reference, cookie) = await StartChatAsync(_factory, $"出金について {i}");
            await using var customer = await ConnectAsync(_factory, cookie);
            await customer.InvokeAsync<ChatMessage>("Send", reference, "client-busy-" + i + "-abcdef", "お願いします");
        }

        var client = _factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("入金")}");
        // 3 chats with the operator, 1 waiting: a new chat is second in line, 2 x 6 min / 3 slots = 4 min.
        Assert.Contains("待ち時間の目安 約 4 分", channels.Find("[data-chat-availability]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChatOffersOnlyArticlesNotAlreadyDeclinedInTheContactFlow()
    {
        var client = _factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        const string question = "本人確認の書類が承認されません";
        var contact = await HtmlPage.GetAsync(client, $"/contact?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}");
        var declined = contact.FindAll(".suggestion-list a").Select(a => a.TextContent.Trim()).ToList();
        Assert.NotEmpty(declined);

        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}");
        var chatUrl = (await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>())).Headers.Location!.OriginalString;
        var chat = await HtmlPage.GetAsync(client, chatUrl);
        var offered = chat.FindAll("[data-chat-offer] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Empty(offered.Intersect(declined));
    }

    [Fact]
    public async Task AChatContinuedByEmailShowsTheQuestionOnce()
    {
        var client = _factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        const string question = "二段階認証のコードが届きません";
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}");
        var chatUrl = (await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>())).Headers.Location!.OriginalString;
        var chat = await HtmlPage.GetAsync(client, chatUrl);
        var moved = await chat.SubmitAsync(client, "form[action*=Email]", new Dictionary<string, string> { ["Continue.Email"] = AccountClient.NewEmail() });

        var request = await HtmlPage.GetAsync(client, moved.Headers.Location!.OriginalString);
        Assert.Single(request.FindAll(".timeline li"), li => li.TextContent.Contains(question, StringComparison.Ordinal));

        var agent = new AccountClient(_factory);
        await agent.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        var detail = await HtmlPage.GetAsync(agent.Http, "/agent/requests/" + chatUrl["/chat/".Length..]);
        Assert.Single(detail.FindAll(".timeline li"), li => li.TextContent.Contains(question, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACustomerEndsTheChatAndIsOfferedTheSurveyWhileTheOperatorIsTold()
    {
        var account = await NewOperatorAsync(_factory, "森");
        await using var agent = await ConnectAsync(_factory, account);
        await agent.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        var client = _factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var channels = await HtmlPage.GetAsync(client, $"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("解決しました")}");
        var chatUrl = (await channels.SubmitAsync(client, "form[action*=Chat]", new Dictionary<string, string>())).Headers.Location!.OriginalString;
        var reference = chatUrl["/chat/".Length..];
        var chat = await HtmlPage.GetAsync(client, chatUrl);
        await chat.SubmitAsync(client, ".chat-form", new Dictionary<string, string> { ["Input.Text"] = "よろしくお願いします" });
        var seen = new List<ChatMessage>();
        agent.On<ChatMessage>("MessageAdded", m => { lock (seen) { seen.Add(m); } });
        await agent.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0);

        chat = await HtmlPage.GetAsync(client, chatUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await chat.SubmitAsync(client, "form[action*=End]", new Dictionary<string, string>())).StatusCode);

        chat = await HtmlPage.GetAsync(client, chatUrl);
        Assert.Contains("チャットを終了しました", chat.Find("#hc-chat-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(chat.Find("form[action*=Survey]"));
        Assert.Null(chat.Find("form[action*=End]"));
        await WaitUntilAsync(() => { lock (seen) { return seen.Any(m => m.Kind == "System" && m.Text == "left"); } }, "the operator hears the customer left");
        await using var scope = _factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AsNoTracking().SingleAsync(r => r.Reference == reference);
        Assert.Equal((RequestStatus.Solved, ChatResolutions.CustomerEnded), (stored.Status, stored.Resolution));
    }

    [Fact]
    public async Task CannedRepliesUseAPoliteFallbackForUnnamedCustomersAndTheNameTheOperatorSet()
    {
        var account = await NewOperatorAsync(_factory, "Agent");
        var console = await HtmlPage.GetAsync(account.Http, "/agent/chats");
        var tooLong = await HtmlPage.ParseAsync(await console.SubmitAsync(account.Http, "#hc-presence", new Dictionary<string, string>
        {
            ["status"] = "Online", ["languages"] = "en", ["displayName"] = new string('x', 101),
        }));
        Assert.Equal(200, tooLong.Status);
        Assert.NotNull(tooLong.Find("#hc-display-name-error"));
        Assert.Equal(new string('x', 101), tooLong.Find("#hc-display-name")!.GetAttribute("value"));
        await console.SubmitAsync(account.Http, "#hc-presence", new Dictionary<string, string> { ["status"] = "Online", ["languages"] = "en", ["displayName"] = "Emily" });

        var (reference, cookie) = await StartChatAsync(_factory, "I cannot withdraw", "en");
        await using var customer = await ConnectAsync(_factory, cookie);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "client-canned-0001", "Hello?");
        var panel = await HtmlPage.GetAsync(account.Http, "/agent/chats");
        var greeting = panel.FindAll("[data-canned] option").Single(o => o.TextContent.Trim() == "Greeting").GetAttribute("value")!;
        Assert.Equal("Hello, thank you for contacting us. This is Emily. Let me look into this for you.", greeting);
        Assert.Contains("Emily", panel.Find($"[data-reference='{reference}'] .chat-log")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorLandsOnTheConsoleAfterSigningInWithThePresenceTheyHadLast()
    {
        var account = await NewOperatorAsync(_factory, "藤田");
        var console = await HtmlPage.GetAsync(account.Http, "/agent/chats");
        await console.SubmitAsync(account.Http, "#hc-presence", new Dictionary<string, string> { ["status"] = "Online", ["languages"] = "ja" });
        string email;
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            email = (await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Users.SingleAsync(u => u.DisplayName == "藤田")).Email!;
        }

        var signOut = await HtmlPage.GetAsync(account.Http, "/account/manage");
        await signOut.SubmitAsync(account.Http, "form[action*='logout']", new Dictionary<string, string>());

        var again = new AccountClient(_factory);
        var landed = await again.LoginAsync(email, MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        Assert.Equal("/agent/chats", landed.Headers.Location?.OriginalString);
        console = await HtmlPage.GetAsync(again.Http, "/agent/chats");
        Assert.NotNull(console.Find("#hc-presence input[name=status][value=Online][checked]"));
    }

    [Fact]
    public async Task TheContextShowsTheArticlesReadByTitleAndLinked()
    {
        var account = await NewOperatorAsync(_factory, "岡田");
        var (reference, _) = await StartChatAsync(_factory, "手数料について");
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var chat = await db.Requests.SingleAsync(r => r.Reference == reference);
            var context = RequestContext.Deserialize(chat.SystemContextJson)!;
            chat.SystemContextJson = RequestContext.Serialize(context with { RecentArticles = ["ja/withdrawal-fees", "ja/removed-article"] });
            await db.SaveChangesAsync();
        }

        var detail = await HtmlPage.GetAsync(account.Http, "/agent/requests/" + reference);
        var link = detail.Find(".context-articles a")!;
        Assert.Equal(("入出金・送付の手数料一覧", "/ja/articles/withdrawal-fees"), (link.TextContent.Trim(), link.GetAttribute("href")));
        Assert.Contains("ja/removed-article", detail.Find(".context-articles")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<string> StartFlowAsync(HttpClient client, string language = "ja")
    {
        var contact = await HtmlPage.GetAsync(client, "/contact");
        Assert.Equal(language, contact.Language[..2]);
        return contact.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
    }
}
