using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Account;

/// <summary>Issue 14, items 15-18: the new-sign-in mail's "this wasn't me" link freezes by itself, the intruder's
/// session ends at its next request, and the mail and history name the browser as a person would.</summary>
public sealed class NotMeTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const string Password = "correct horse battery";
    private const string AndroidChrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    [Fact]
    public async Task NotMeLinkFreezesWithoutSigningInEndsTheIntrudersSessionAndWorksOnce()
    {
        var (email, intruder, notice) = await IntruderSignsInAsync();
        Assert.Contains("Android の Chrome", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Mozilla/5.0", notice.TextBody, StringComparison.Ordinal);
        var link = SmtpServer.LinkIn(notice, "http://localhost/account/not-me")["http://localhost".Length..];

        // The owner, signed out (the intruder may have changed the password): opening the link explains, freezes nothing.
        var owner = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(owner, link);
        Assert.Equal(200, page.Status);
        Assert.Contains("取引所のアカウント", page.Find("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await IsFrozenAsync(email));

        var done = await page.SubmitAsync(owner, "main form", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.StartsWith("/account/security-reported?reference=HC-", done.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(await IsFrozenAsync(email));
        var next = await HtmlPage.GetAsync(owner, done.Headers.Location.OriginalString);
        Assert.Contains("取引所のアカウント", next.Find("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("0120-000-000", next.Find("main")!.TextContent, StringComparison.Ordinal);

        // The intruder's session ends at its very next request, not within a minute.
        var after = await intruder.Http.GetAsync(new Uri("/account/manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var report = await db.Set<SupportRequest>().AsNoTracking().SingleAsync(r => r.Email == email && r.Channel == RequestChannel.Security);
            Assert.Equal(RequestPriority.High, report.Priority);
        }

        // Once: the same link again (say after an operator unfroze the account) does nothing more.
        var again = await HtmlPage.GetAsync(owner, link);
        Assert.NotNull(again.Find("[role=status]"));
        Assert.Null(again.Find("main form"));
        var replayed = await HtmlPage.ParseAsync(await page.SubmitAsync(owner, "main form", new Dictionary<string, string>()));
        Assert.Equal(200, replayed.Status);
        Assert.NotNull(replayed.Find("[role=status]"));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Set<SupportRequest>().CountAsync(r => r.Email == email));
        }
    }

    /// <summary>Item 19 (and 14's list): a frozen account cannot sign in, yet its owner follows their report through the
    /// link in the report's mail: their own requests, read-only, each with its first line and last update.</summary>
    [Fact]
    public async Task FrozenCustomerReadsTheirOwnRequestsThroughTheMailedLink()
    {
        var (email, _, notice) = await IntruderSignsInAsync();
        var owner = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(owner, SmtpServer.LinkIn(notice, "http://localhost/account/not-me")["http://localhost".Length..]);
        var frozen = await page.SubmitAsync(owner, "main form", new Dictionary<string, string>());
        var reference = System.Text.RegularExpressions.Regex.Match(frozen.Headers.Location!.OriginalString, @"HC-\d{8}-\d{4}").Value;

        var report = await factory.Smtp.WaitForMailAsync(email, reference);
        var link = SmtpServer.LinkIn(report, "http://localhost/requests?token=")["http://localhost".Length..];
        var stranger = factory.CreateBrowserLikeClient();
        var list = await HtmlPage.GetAsync(stranger, link);
        Assert.Equal(200, list.Status);
        Assert.NotNull(list.Find("p.notice[role=status]"));
        var item = Assert.Single(list.FindAll(".request-list li"));
        Assert.Contains(reference, item.TextContent, StringComparison.Ordinal);
        Assert.Contains("This wasn't me", item.QuerySelector(".card-title")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(item.QuerySelector("time"));
        Assert.Null(list.Find("main form"));

        // Each request opens through its private link, without a session.
        var show = await HtmlPage.GetAsync(stranger, item.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Equal(200, show.Status);
        Assert.Contains(reference, show.Find("main")!.TextContent, StringComparison.Ordinal);

        // ... read-only there too: no reply form, and a reply posted anyway is not added.
        Assert.Null(show.Find("main form"));
        Assert.Contains("閲覧のみ", show.Find("p.notice[role=status]")!.TextContent, StringComparison.Ordinal);
        var showLink = item.QuerySelector("a")!.GetAttribute("href")!;
        var key = System.Web.HttpUtility.ParseQueryString(new Uri("http://localhost" + showLink).Query)["key"]!;
        var posted = await stranger.PostAsync(new Uri(showLink, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Key"] = key,
            ["Input.Body"] = "written by whoever holds the link",
            ["__RequestVerificationToken"] = show.Find("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "",
        }));
        Assert.NotEqual(HttpStatusCode.InternalServerError, posted.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            Assert.False(await db.RequestMessages.AnyAsync(m => m.Body == "written by whoever holds the link"));
        }

        // An edited link reads nothing; without a link, /requests still wants a sign-in.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(link[..^4] + "AAAA", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync(new Uri("/requests", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task EditedNotMeLinkIsRefused()
    {
        var (email, _, notice) = await IntruderSignsInAsync();
        var link = SmtpServer.LinkIn(notice, "http://localhost/account/not-me")["http://localhost".Length..];
        var owner = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(owner, link[..^3] + "AAA");
        Assert.NotNull(page.Find("[role=alert]"));
        Assert.Null(page.Find("main form"));
        var forged = await owner.PostAsync(new Uri("/account/not-me?token=forged", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.False(await IsFrozenAsync(email));
    }

    [Fact]
    public async Task SignInHistoryNamesBrowserAndSystemNotTheRawUserAgent()
    {
        var (_, intruder, _) = await IntruderSignsInAsync();
        var history = await HtmlPage.GetAsync(intruder.Http, "/account/manage/history");
        var cells = history.FindAll("td.user-agent").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains(cells, c => c.StartsWith("Android の Chrome", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Contains("Mozilla", StringComparison.Ordinal));
    }

    private async Task<(string Email, AccountClient Intruder, MimeKit.MimeMessage Notice)> IntruderSignsInAsync()
    {
        var email = AccountClient.NewEmail();
        var phone = new AccountClient(factory);
        await phone.RegisterAndConfirmAsync(email, Password);
        await phone.LoginAsync(email, Password);
        var intruder = new AccountClient(factory);
        intruder.Http.DefaultRequestHeaders.UserAgent.ParseAdd(AndroidChrome);
        Assert.Equal(HttpStatusCode.Redirect, (await intruder.LoginAsync(email, Password)).StatusCode);
        return (email, intruder, await factory.Smtp.WaitForMailAsync(email, "新しいブラウザ"));
    }

    private async Task<bool> IsFrozenAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.IsFrozen;
    }
}
