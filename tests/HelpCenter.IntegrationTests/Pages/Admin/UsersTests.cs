using System.Net;
using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Admin;

public sealed class UsersTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task AdminFindsAnAccountGrantsARoleAndTheChangeIsAudited()
    {
        var email = AccountClient.NewEmail();
        await new AccountClient(factory).RegisterAndConfirmAsync(email, "correct horse battery");
        var admin = new AccountClient(factory);
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);

        var found = await HtmlPage.GetAsync(admin.Http, "/admin/users?q=" + Uri.EscapeDataString(email[..8].ToUpperInvariant()));
        var link = found.FindAll("tbody a").Single(a => a.TextContent == email).GetAttribute("href")!;
        var saved = await admin.PostFormAsync(link, "main form[method=post]", new Dictionary<string, string> { ["SelectedRoles"] = Roles.Agent });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.Equal([Roles.Agent, Roles.Customer], (await users.GetRolesAsync(user)).Order());
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.SubjectId == user.Id && e.Kind == AuditKinds.RoleGranted && e.Detail == Roles.Agent));

        var audit = await HtmlPage.GetAsync(admin.Http, "/admin/audit?kind=" + AuditKinds.RoleGranted);
        Assert.Contains(audit.FindAll("tbody tr"), row => row.TextContent.Contains(email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSecondPageOfAccountsListsTheNextFiftyNotTheFirstAgain()
    {
        // 60 accounts sharing a prefix: two pages of 50 for that search.
        var prefix = "pg" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            for (var i = 0; i < 60; i++)
            {
                var email = $"{prefix}{i:D2}@example.com";
                Assert.True((await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true })).Succeeded);
            }
        }

        var admin = new AccountClient(factory);
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        var first = await HtmlPage.GetAsync(admin.Http, $"/admin/users?q={prefix}");
        var next = first.Find("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var second = await HtmlPage.GetAsync(admin.Http, next);

        var firstEmails = first.FindAll("tbody a").Select(a => a.TextContent).ToList();
        var secondEmails = second.FindAll("tbody a").Select(a => a.TextContent).ToList();
        Assert.Equal(50, firstEmails.Count);
        Assert.Equal(10, secondEmails.Count);
        Assert.Empty(firstEmails.Intersect(secondEmails));
        Assert.Contains("2 / 2", second.Find("nav.pager")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCannotRemoveTheirOwnAdminRole()
    {
        var admin = new AccountClient(factory);
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        var list = await HtmlPage.GetAsync(admin.Http, "/admin/users?q=admin%40example.com");
        var link = list.FindAll("tbody a").Single(a => a.TextContent == "admin@example.com").GetAttribute("href")!;
        var refused = await HtmlPage.ParseAsync(await admin.PostFormAsync(link, "main form[method=post]", new Dictionary<string, string> { ["SelectedRoles"] = Roles.Agent }));
        Assert.Equal(200, refused.Status);
        Assert.NotNull(refused.Find(".error li"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(new Uri("/admin/users", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CustomerDeletesTheAccountAfterTypingThePassword()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory);
        await customer.RegisterAndConfirmAsync(email, "correct horse battery");
        await customer.LoginAsync(email, "correct horse battery");

        var wrong = await HtmlPage.ParseAsync(await customer.PostFormAsync("/account/manage/delete", "main form", new Dictionary<string, string> { ["Input.Password"] = "nope nope nope" }));
        Assert.Equal("パスワードが正しくありません。", wrong.Find("#Input_Password-error")!.TextContent);

        var deleted = await customer.PostFormAsync("/account/manage/delete", "main form", new Dictionary<string, string> { ["Input.Password"] = "correct horse battery" });
        Assert.Equal("/account/login", deleted.Headers.Location?.OriginalString);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await customer.Http.GetAsync(new Uri("/account/manage", UriKind.Relative))).StatusCode);
    }
}
