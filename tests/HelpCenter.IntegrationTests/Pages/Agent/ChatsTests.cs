using System.Net;
using HelpCenter.Chat;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.SignalR.Client;

namespace HelpCenter.IntegrationTests.Pages.Agent;

/// <summary>The operator console without JavaScript (every action is a form) and its fragments; the supervisor view.</summary>
public sealed class ChatsTests : IAsyncLifetime, IDisposable
{
    private readonly MailFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AnOperatorGoesOnlineWithAFormAndTheWaitingChatAppearsAsAPanel()
    {
        var reference = await QueueAsync("出金が反映されません", "ja");
        var english = await QueueAsync("My deposit is missing", "en");
        var agent = await ChatTestKit.NewOperatorAsync(_factory, "山田");
        var console = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        Assert.Equal(200, console.Status);
        Assert.Contains(reference, console.Find("#hc-chat-queue")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(console.Find("#hc-no-chats"));
        Assert.Equal("Away", console.Find("#hc-presence input[name=status]:checked")!.GetAttribute("value"));

        var token = console.Find("#hc-presence input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await agent.Http.PostAsync(new Uri("/agent/chats?handler=Presence", UriKind.Relative), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("status", "Online"), new("languages", "ja"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        // Japanese only: the Japanese chat is now this operator's, the English one still waits.
        var after = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        Assert.NotNull(after.Find($"article.chat-panel[data-reference='{reference}']"));
        Assert.Null(after.Find($"article.chat-panel[data-reference='{english}']"));
        Assert.Contains(english, after.Find("#hc-chat-queue")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Online", after.Find("#hc-presence input[name=status]:checked")!.GetAttribute("value"));
        Assert.Null(after.Find("#hc-presence input[value=en]:checked"));
        var canned = after.FindAll($"article[data-reference='{reference}'] [data-canned] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(canned, text => text!.Contains("山田", StringComparison.Ordinal) && text.Contains("お客様", StringComparison.Ordinal));

        // Claiming the English chat by form, then the fragments the console script fetches.
        var claimed = await HtmlPage.ParseAsync(await after.SubmitAsync(agent.Http, $"form[data-claim]:has(input[value='{english}'])", new Dictionary<string, string>()));
        Assert.Contains("チャットを担当しました", (await HtmlPage.GetAsync(agent.Http, claimed.Response.Headers.Location?.OriginalString ?? "/agent/chats")).Find("[role=status]")!.TextContent, StringComparison.Ordinal);
        var queue = await HtmlPage.GetAsync(agent.Http, "/agent/chats?handler=Queue");
        Assert.NotNull(queue.Find("#hc-chat-queue .empty"));
        var panel = await HtmlPage.GetAsync(agent.Http, $"/agent/chats?handler=Panel&reference={english}");
        Assert.Contains("My deposit is missing", panel.Find(".chat-log")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(404, (await HtmlPage.GetAsync(agent.Http, "/agent/chats?handler=Panel&reference=HC-00000000-0000")).Status);
    }

    [Fact]
    public async Task TransferAndCloseRefuseUnknownTargetsAndForeignReturnAddresses()
    {
        var reference = await QueueAsync("二段階認証のコードが届きません", "ja");
        var agent = await ChatTestKit.NewOperatorAsync(_factory, "伊藤");
        var console = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        await console.SubmitAsync(agent.Http, $"form[data-claim]:has(input[value='{reference}'])", new Dictionary<string, string>());
        var page = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        var transfer = $"article[data-reference='{reference}'] form[action*=Transfer]";
        var close = $"article[data-reference='{reference}'] form[action*=Close]";

        Assert.Equal(HttpStatusCode.BadRequest, (await page.SubmitAsync(agent.Http, transfer, new Dictionary<string, string> { ["to"] = "lang:ko" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await page.SubmitAsync(agent.Http, transfer, new Dictionary<string, string> { ["to"] = "no-such-operator" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await page.SubmitAsync(agent.Http, close, new Dictionary<string, string> { ["resolution"] = "<script>" })).StatusCode);

        var moved = await page.SubmitAsync(agent.Http, transfer, new Dictionary<string, string> { ["to"] = "lang:en", ["returnUrl"] = "https://evil.example/" });
        Assert.Equal("/agent/chats", moved.Headers.Location?.OriginalString);
        var requeued = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        Assert.Contains(reference, requeued.Find("#hc-chat-queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("English", requeued.Find("#hc-chat-queue")!.TextContent, StringComparison.Ordinal);

        await requeued.SubmitAsync(agent.Http, $"form[data-claim]:has(input[value='{reference}'])", new Dictionary<string, string>());
        page = await HtmlPage.GetAsync(agent.Http, "/agent/chats");
        var closed = await page.SubmitAsync(agent.Http, close, new Dictionary<string, string> { ["resolution"] = "escalated", ["returnUrl"] = $"/agent/requests/{reference}" });
        Assert.Equal($"/agent/requests/{reference}", closed.Headers.Location?.OriginalString);
        var request = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        Assert.Contains("担当部署へエスカレーション", request.Find(".chat-panel")!.TextContent, StringComparison.Ordinal);
        Assert.Null(request.Find(".chat-panel form[action*=Close]"));
    }

    [Fact]
    public async Task SupervisorsSeeTheQueueByLanguageAndEachOperatorsLoad()
    {
        await QueueAsync("出金が遅い", "ja");
        await QueueAsync("提币很慢", "zh");
        var operatorAccount = await ChatTestKit.NewOperatorAsync(_factory, "渡辺");
        await using (var connection = await ChatTestKit.ConnectAsync(_factory, operatorAccount))
        {
            await connection.InvokeAsync<string>("AgentConsole", "Online", new[] { "ja" });
        }

        var admin = new AccountClient(_factory);
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey);
        var page = await HtmlPage.GetAsync(admin.Http, "/admin/chats");
        Assert.Equal(200, page.Status);
        var rows = page.FindAll("#hc-sv-queue ~ table tbody tr, section[aria-labelledby=hc-sv-queue] tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal("0", rows["日本語"][0]);
        Assert.Equal("1", rows["简体中文"][0]);
        Assert.Equal("0", rows["简体中文"][3]);
        Assert.NotNull(page.Find("tr.alert-row"));
        var operatorRow = page.FindAll("section[aria-labelledby=hc-sv-operators] tbody tr").Single(r => r.TextContent.Contains("渡辺", StringComparison.Ordinal));
        Assert.Contains("1 / 3", operatorRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("対応可能", operatorRow.TextContent, StringComparison.Ordinal);

        var agentOnly = await ChatTestKit.NewOperatorAsync(_factory, "一般");
        var refused = await agentOnly.Http.GetAsync(new Uri("/admin/chats", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(403, (await HtmlPage.GetAsync(agentOnly.Http, refused.Headers.Location!.PathAndQuery)).Status);
    }

    private async Task<string> QueueAsync(string question, string language)
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(_factory, question, language);
        await using var customer = await ChatTestKit.ConnectAsync(_factory, cookie);
        await customer.InvokeAsync<List<ChatMessage>>("Join", reference, 0);
        await customer.InvokeAsync<ChatMessage>("Send", reference, "client-" + Guid.NewGuid().ToString("N"), question);
        return reference;
    }
}
