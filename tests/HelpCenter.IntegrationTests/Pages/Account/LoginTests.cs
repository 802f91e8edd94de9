using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Account;

public sealed class LoginTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task FiveWrongPasswordsMakeTheNextAttemptFromThatBrowserWait()
    {
        // Was "...LockTheAccountEvenAgainstTheRightPassword": a 15-minute lockout let anyone lock anyone out (issue 11,
        // finding 5). Now the browser that failed waits, more each time; the owner's usual browser does not
        // (Security/SignInTests).
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, Password);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await customer.LoginAsync(email, "wrong password " + i)).StatusCode);
        }

        var delayed = await HtmlPage.ParseAsync(await customer.LoginAsync(email, Password));
        Assert.Equal(429, delayed.Status);
        Assert.Matches("1[0-5]秒", delayed.Find(".error")!.TextContent);
        Assert.Null(delayed.Response.Headers.Location);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Null(user.LockoutEnd);
        Assert.Equal(5, user.SignInFailures);
        Assert.InRange(user.SignInDelayedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15));
        var outcomes = await db.SignIns.Where(r => r.UserId == user.Id).OrderBy(r => r.Id).Select(r => r.Outcome).ToListAsync();
        Assert.Equal([.. Enumerable.Repeat(SignInOutcome.WrongPassword, 5)], outcomes);
        Assert.Equal(5, await db.AuditEvents.CountAsync(e => e.SubjectId == user.Id && e.Kind == AuditKinds.SignInFailed));
    }

    [Fact]
    public async Task UnknownAccountAndWrongPasswordGetTheSameAnswer()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, Password);

        var wrongPassword = await HtmlPage.ParseAsync(await customer.LoginAsync(email, "not the password"));
        var unknown = await HtmlPage.ParseAsync(await customer.LoginAsync(AccountClient.NewEmail(), "not the password"));
        Assert.Equal(wrongPassword.Status, unknown.Status);
        Assert.Equal(wrongPassword.Find(".error")!.TextContent, unknown.Find(".error")!.TextContent);
    }

    [Fact]
    public async Task ForgotPasswordAnswersAlikeForUnknownAddressesAndTheMailedLinkResetsThePassword()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory, "en");
        await customer.RegisterAndConfirmAsync(email, Password);

        var unknown = await customer.PostFormAsync("/account/forgot-password", "main form", new Dictionary<string, string> { ["Input.Email"] = AccountClient.NewEmail() });
        var known = await customer.PostFormAsync("/account/forgot-password", "main form", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);

        var mail = await factory.Smtp.WaitForMailAsync(email, "Reset your password");
        var link = SmtpServer.LinkIn(mail, "http://localhost/account/reset-password?")["http://localhost".Length..];
        var reset = await customer.PostFormAsync(link, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "a brand new passphrase",
            ["Input.ConfirmPassword"] = "a brand new passphrase",
        });
        Assert.Equal("/account/login", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await customer.LoginAsync(email, Password)).StatusCode);
        Assert.Equal("/account/manage", (await customer.LoginAsync(email, "a brand new passphrase")).Headers.Location?.OriginalString);

        // The link is single-use: the token was bound to the old security stamp.
        var again = await HtmlPage.ParseAsync(await customer.PostFormAsync(link, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "yet another passphrase",
            ["Input.ConfirmPassword"] = "yet another passphrase",
        }));
        Assert.Equal(200, again.Status);
        Assert.Contains("invalid or has expired", again.Find(".error")!.TextContent, StringComparison.Ordinal);

        // Neither the passwords nor the token reach the log.
        var code = link[(link.IndexOf("code=", StringComparison.Ordinal) + 5)..];
        Assert.DoesNotContain(factory.Logs, line => line.Contains("brand new passphrase", StringComparison.Ordinal)
            || line.Contains(Password, StringComparison.Ordinal) || line.Contains(code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoStepVerificationWithAuthenticatorCodeAndSingleUseRecoveryCodes()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, Password);
        await customer.LoginAsync(email, Password);
        var (key, recoveryCodes) = await customer.EnableAuthenticatorAsync();
        Assert.Equal(10, recoveryCodes.Count);

        var other = new AccountClient(factory);
        var afterCode = await other.LoginAsync(email, Password, key);
        Assert.Equal("/account/manage", afterCode.Headers.Location?.OriginalString);

        var third = new AccountClient(factory);
        var first = await third.LoginAsync(email, Password);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var wrong = await HtmlPage.ParseAsync(await third.PostFormAsync(first.Headers.Location.OriginalString, "main form", new Dictionary<string, string> { ["Input.Code"] = "000000" }));
        Assert.Equal(200, wrong.Status);
        var recovered = await third.PostFormAsync("/account/login-recovery", "main form", new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal("/account/manage/two-factor", recovered.Headers.Location?.OriginalString);

        var fourth = new AccountClient(factory);
        await fourth.LoginAsync(email, Password);
        var reused = await HtmlPage.ParseAsync(await fourth.PostFormAsync("/account/login-recovery", "main form", new Dictionary<string, string> { ["Input.RecoveryCode"] = recoveryCodes[0] }));
        Assert.Equal(200, reused.Status);
        Assert.NotNull(reused.Find(".error"));
    }

    [Fact]
    public async Task StaffWithoutTwoStepVerificationAreSentToSetItUpAndKeptOutOfStaffPages()
    {
        var email = AccountClient.NewEmail();
        var agent = new AccountClient(factory);
        await agent.RegisterAndConfirmAsync(email, Password);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            await users.AddToRoleAsync((await users.FindByEmailAsync(email))!, Roles.Agent);
        }

        var signedIn = await agent.LoginAsync(email, Password);
        Assert.Equal("/account/manage/enable-authenticator?required=True", signedIn.Headers.Location?.OriginalString);
        var inbox = await agent.Http.GetAsync(new Uri("/agent", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        var denied = await HtmlPage.GetAsync(agent.Http, inbox.Headers.Location!.PathAndQuery);
        Assert.Equal(403, denied.Status);
        Assert.Contains("二段階認証", denied.Find("main")!.TextContent, StringComparison.Ordinal);

        await agent.EnableAuthenticatorAsync();
        Assert.Equal(HttpStatusCode.OK, (await agent.Http.GetAsync(new Uri("/agent", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ForgedPostWithoutAntiforgeryTokenIsRejected()
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "customer@example.com",
            ["Input.Password"] = MailFactory.DevelopmentPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(AccountsExtensions.AuthCookieName, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SignInFromANewBrowserSendsOneNotificationMail()
    {
        var email = AccountClient.NewEmail();
        var phone = new AccountClient(factory);
        await phone.RegisterAndConfirmAsync(email, Password);
        await phone.LoginAsync(email, Password);

        var laptop = new AccountClient(factory);
        await laptop.LoginAsync(email, Password);
        await laptop.PostFormAsync("/account/logout", "main form", new Dictionary<string, string>());
        await laptop.LoginAsync(email, Password);

        var notice = await factory.Smtp.WaitForMailAsync(email, "新しいブラウザ");
        // The link freezes by itself now (issue 14, item 16), instead of leading to the signed-in report page.
        Assert.Contains("http://localhost/account/not-me?token=", notice.TextBody, StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Single(factory.Smtp.Received(email), m => (m.Subject ?? "").Contains("新しいブラウザ", StringComparison.Ordinal));

        var history = await HtmlPage.GetAsync(laptop.Http, "/account/manage/history");
        Assert.Equal(3, history.FindAll("tbody tr").Count(r => r.TextContent.Contains("成功", StringComparison.Ordinal)));
        Assert.Single(history.FindAll("tbody tr"), r => r.TextContent.Contains("新しいブラウザ", StringComparison.Ordinal));
    }
}
