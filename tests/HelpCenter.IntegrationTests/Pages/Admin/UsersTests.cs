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
