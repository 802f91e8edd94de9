using System.Net;
using System.Text.RegularExpressions;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Account;

public sealed class ShortSessionCheckFactory : MailFactory
{
    public const int SessionCheckSeconds = 5;

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["HelpCenter:Accounts:SessionCheckSeconds"] = SessionCheckSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed partial class SecurityReportTests(ShortSessionCheckFactory factory) : IClassFixture<ShortSessionCheckFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task TakeoverReportNeedsThePasswordThenFreezesEndsSessionsAndQueuesAHighPriorityRequest()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, Password);
        await customer.LoginAsync(email, Password);
        var otherDevice = new AccountClient(factory);
        await otherDevice.LoginAsync(email, Password);

        var wrong = await HtmlPage.ParseAsync(await customer.PostFormAsync("/account/security/report?kind=takeover", "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = "not my password",
            ["Input.Description"] = "知らない出金申請の通知が来ました",
            ["Input.Confirm"] = "true",
        }));
        Assert.Equal(200, wrong.Status);
        Assert.Equal("知らない出金申請の通知が来ました", wrong.Find("#Input_Description")!.TextContent.Trim());

        var reported = await customer.PostFormAsync("/account/security/report?kind=takeover", "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.Description"] = "知らない出金申請の通知が来ました",
            ["Input.Confirm"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        var reference = ReferencePattern().Match(reported.Headers.Location!.OriginalString).Value;
        Assert.NotEmpty(reference);
        var confirmation = await HtmlPage.GetAsync(customer.Http, reported.Headers.Location.OriginalString);
        Assert.Equal(reference, confirmation.Find(".reference")!.TextContent);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.NotNull(user.FrozenAt);
            var request = await db.Requests.SingleAsync(r => r.Reference == reference);
            Assert.Equal(RequestPriority.High, request.Priority);
            Assert.Equal(RequestChannel.Security, request.Channel);
            Assert.Equal(user.Id, request.UserId);
            var context = RequestContext.Deserialize(request.SystemContextJson)!;
            Assert.Equal(user.Id, context.Account!.Id);
            Assert.Equal(2, context.Account.RecentSignIns.Count(s => s.Outcome == "Succeeded"));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.SubjectId == user.Id && e.Kind == AuditKinds.Frozen));
        }

        var mail = await factory.Smtp.WaitForMailAsync(email, reference);
        Assert.Contains(reference, mail.TextBody, StringComparison.Ordinal);

        // The reporting browser is signed out at once; the other device within the session check interval.
        Assert.Equal(HttpStatusCode.Redirect, (await customer.Http.GetAsync(new Uri("/account/manage", UriKind.Relative))).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(ShortSessionCheckFactory.SessionCheckSeconds + 1));
        var stale = await otherDevice.Http.GetAsync(new Uri("/account/manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/account/login", stale.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        // Frozen: even the right password does not sign in, and says why.
        var refused = await HtmlPage.ParseAsync(await new AccountClient(factory).LoginAsync(email, Password));
        Assert.Contains("凍結", refused.Find(".error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentSeesTheReportFirstAndCanUnfreezeTheAccount()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, Password);
        await customer.LoginAsync(email, Password);
        var reported = await customer.PostFormAsync("/account/security/report?kind=phishing", "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.Confirm"] = "true",
        });
        var reference = ReferencePattern().Match(reported.Headers.Location!.OriginalString).Value;

        var agent = new AccountClient(factory);
        await agent.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        var inbox = await HtmlPage.GetAsync(agent.Http, "/agent");
        var firstRow = inbox.Find("tbody tr")!;
        Assert.Contains("priority-high", firstRow.ClassName, StringComparison.Ordinal);
        var row = inbox.FindAll("tbody tr").Single(r => r.TextContent.Contains(reference, StringComparison.Ordinal));
        var accountUrl = row.QuerySelector("a[href^='/agent/accounts/']")!.GetAttribute("href")!;

        var unfreeze = await agent.PostFormAsync(accountUrl, "form[action*=Unfreeze]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, unfreeze.StatusCode);
        Assert.Equal("/account/manage", (await new AccountClient(factory).LoginAsync(email, Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOutEverywhereEndsOtherSessionsWithinTheCheckInterval()
    {
        var email = AccountClient.NewEmail();
        var phone = new AccountClient(factory);
        await phone.RegisterAndConfirmAsync(email, Password);
        await phone.LoginAsync(email, Password);
        var laptop = new AccountClient(factory);
        await laptop.LoginAsync(email, Password);

        var done = await laptop.PostFormAsync("/account/manage/history", "form[action*=SignOutEverywhere]", new Dictionary<string, string>());
        Assert.Equal("/account/login", done.Headers.Location?.OriginalString);
        await Task.Delay(TimeSpan.FromSeconds(ShortSessionCheckFactory.SessionCheckSeconds + 1));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.Http.GetAsync(new Uri("/account/manage", UriKind.Relative))).StatusCode);
    }

    [GeneratedRegex(@"HC-\d{8}-\d{4}")]
    private static partial Regex ReferencePattern();
}
