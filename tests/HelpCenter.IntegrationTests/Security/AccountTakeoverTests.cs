using System.Net;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Findings 2 and 4: taking an account over from an open session, and staff acting on staff.</summary>
public sealed class AccountTakeoverTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task ChangingTheAddressFromAnOpenSessionNeedsThePasswordAgain()
    {
        var (session, _) = await SecurityKit.NewCustomerAsync(factory);
        var attacker = AccountClient.NewEmail();

        var refused = await HtmlPage.ParseAsync(await session.PostFormAsync("/account/manage/email", "main form", new Dictionary<string, string> { ["Input.Email"] = attacker }));
        var wrong = await HtmlPage.ParseAsync(await session.PostFormAsync("/account/manage/email", "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = attacker,
            ["Reauth.Password"] = "a guess",
        }));

        Assert.Equal((200, 200), (refused.Status, wrong.Status));
        Assert.Equal(attacker, wrong.Find("#Input_Email")!.GetAttribute("value"));
        Assert.Empty(await SecurityKit.MailAfterAMomentAsync(factory, attacker));
    }

    [Fact]
    public async Task OldAddressHearsOfTheChangeAndCanUndoItAndFreezeTheAccount()
    {
        var (session, email) = await SecurityKit.NewCustomerAsync(factory);
        var attacker = AccountClient.NewEmail();
        var asked = await session.PostFormAsync("/account/manage/email", "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = attacker,
            ["Reauth.Password"] = SecurityKit.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var confirm = SmtpServer.LinkIn(await factory.Smtp.WaitForMailAsync(attacker), "http://localhost/account/confirm-email-change")["http://localhost".Length..];
        Assert.NotNull((await HtmlPage.GetAsync(session.Http, confirm)).Find("p.success"));

        // The old mailbox is told, and its link works without signing in: the intruder may hold every session.
        var notice = await factory.Smtp.WaitForMailAsync(email, "メールアドレスが変更されました");
        var undo = SmtpServer.LinkIn(notice, "http://localhost/account/email-undo")["http://localhost".Length..];
        var owner = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(owner, undo);
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var done = await HtmlPage.ParseAsync(await page.SubmitAsync(owner, "main form", new Dictionary<string, string>()));
        Assert.NotNull(done.Find("p.success"));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.Null(await users.FindByEmailAsync(attacker));
            var account = (await users.FindByEmailAsync(email))!;
            Assert.True(account.IsFrozen);
        }

        var intruder = await session.Http.GetAsync(new Uri("/account/manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, intruder.StatusCode);
        Assert.StartsWith("/account/login", intruder.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentCannotFreezeAnAdminOrReadTheirSignIns()
    {
        var agent = await Chat.ChatTestKit.NewOperatorAsync(factory, "伊藤");
        string adminId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            adminId = (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync("admin@example.com"))!.Id;
        }

        var history = await agent.Http.GetAsync(new Uri($"/agent/accounts/{adminId}", UriKind.Relative));
        Assert.True(history.StatusCode == HttpStatusCode.Redirect && history.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal),
            $"GET answered {history.StatusCode} {history.Headers.Location}");

        // With a token from a page the agent may open, straight to the freeze handler.
        var inbox = await HtmlPage.GetAsync(agent.Http, "/agent");
        var frozen = await inbox.SubmitAsync(agent.Http, "form[method=post]", new Dictionary<string, string>(), action: $"/agent/accounts/{adminId}?handler=Freeze");
        Assert.NotEqual(HttpStatusCode.OK, frozen.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.False((await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(adminId))!.IsFrozen);
        }
    }
}
