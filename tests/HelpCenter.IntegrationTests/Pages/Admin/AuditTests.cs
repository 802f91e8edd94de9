using HelpCenter.Accounts;
using HelpCenter.Audit;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Admin;

/// <summary>The audit log reads in the admin's language and filters by kind, account, Japan-time days and IP address.</summary>
public sealed class AuditTests(MailFactory factory) : IClassFixture<MailFactory>
{
    // Days long before anything the other tests write (they use the real clock).
    private static readonly DateTimeOffset LateOnTheTenthInJapan = new(2026, 3, 10, 23, 30, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task AdminReadsLocalisedEventsFilteredByAccountJapanDaysAndIp()
    {
        var (customerId, agentId) = await SeedAsync(db =>
        {
            db.AuditEvents.Add(new AuditEvent { At = LateOnTheTenthInJapan.ToUniversalTime(), Kind = AuditKinds.SignInFailed, SubjectId = Ids.Customer, ActorId = Ids.Customer, IpAddress = "198.51.100.7", Detail = "WrongPassword" });
            db.AuditEvents.Add(new AuditEvent { At = LateOnTheTenthInJapan.AddHours(1).ToUniversalTime(), Kind = AuditKinds.SignedIn, SubjectId = Ids.Customer, ActorId = Ids.Customer, IpAddress = "198.51.100.7", Detail = "Succeeded" });
            db.AuditEvents.Add(new AuditEvent { At = LateOnTheTenthInJapan.AddHours(2).ToUniversalTime(), Kind = AuditKinds.SignedIn, SubjectId = Ids.Agent, ActorId = Ids.Agent, IpAddress = "203.0.113.9", Detail = "Succeeded" });
            db.AuditEvents.Add(new AuditEvent { At = LateOnTheTenthInJapan.AddHours(3).ToUniversalTime(), Kind = AuditKinds.Frozen, SubjectId = Ids.Customer, IpAddress = "203.0.113.9", Detail = "frozen by staff" });
        });
        var admin = new AccountClient(factory);
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);

        // 23:30 on the 10th in Japan is 14:30 UTC: it belongs to the 10th, the sign-in an hour later to the 11th.
        var tenth = await HtmlPage.GetAsync(admin.Http, "/admin/audit?account=CUSTOMER%40example.com&from=2026-03-10&to=2026-03-10");
        var row = Assert.Single(tenth.FindAll("tbody tr"));
        Assert.Contains("ログイン失敗", row.Children[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("パスワード誤り", row.Children[5].TextContent.Trim());
        Assert.Contains("2026", row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("23:30", row.Children[0].TextContent, StringComparison.Ordinal);

        // The filters keep their values.
        Assert.Equal("CUSTOMER@example.com", tenth.Find("input[name=account]")!.GetAttribute("value"));
        Assert.Equal("2026-03-10", tenth.Find("input[name=from]")!.GetAttribute("value"));
        Assert.Equal("2026-03-10", tenth.Find("input[name=to]")!.GetAttribute("value"));

        var eleventh = await HtmlPage.GetAsync(admin.Http, "/admin/audit?from=2026-03-11&to=2026-03-11");
        var kinds = eleventh.FindAll("tbody tr").Select(r => r.Children[1].TextContent).ToList();
        Assert.Equal(3, kinds.Count);
        Assert.Contains("アカウント凍結", kinds[0], StringComparison.Ordinal);
        Assert.Equal("スタッフによる凍結", eleventh.FindAll("tbody tr")[0].Children[5].TextContent.Trim());
        Assert.All(kinds.Skip(1), k => Assert.Contains("ログイン成功", k, StringComparison.Ordinal));

        // IP by its beginning, with kind and days together.
        var byIp = await HtmlPage.GetAsync(admin.Http, $"/admin/audit?ip=203.0.113.&kind={AuditKinds.SignedIn}&from=2026-03-10&to=2026-03-11");
        var agentRow = Assert.Single(byIp.FindAll("tbody tr"));
        Assert.Equal("agent@example.com", agentRow.Children[2].TextContent.Trim());
        Assert.Equal("203.0.113.", byIp.Find("input[name=ip]")!.GetAttribute("value"));
        Assert.Equal(AuditKinds.SignedIn, byIp.Find("select[name=kind] option[selected]")!.GetAttribute("value"));
        Assert.Equal("ログイン成功", byIp.Find("select[name=kind] option[selected]")!.TextContent.Trim());
        Assert.Equal(agentId, agentRow.Children[2].QuerySelector("a")!.GetAttribute("href")!.Split("subject=")[1]);
        Assert.NotNull(customerId);
    }

    [Fact]
    public async Task PagingKeepsTheFiltersAndBadFiltersAreExplainedWithTheirValuesKept()
    {
        await SeedAsync(db =>
        {
            for (var i = 0; i < 51; i++)
            {
                db.AuditEvents.Add(new AuditEvent { At = new DateTimeOffset(2026, 2, 1, 1, i, 0, TimeSpan.Zero), Kind = AuditKinds.SignInFailed, SubjectId = Ids.Customer, IpAddress = "192.0.2.55", Detail = "WrongSecondFactor" });
            }
        });
        var admin = new AccountClient(factory, "en");
        await admin.LoginAsync("admin@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);

        var first = await HtmlPage.GetAsync(admin.Http, "/admin/audit?ip=192.0.2.55&from=2026-02-01&to=2026-02-01&account=customer%40example.com");
        Assert.Equal(50, first.FindAll("tbody tr").Count);
        var next = first.Find(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("ip=192.0.2.55", next, StringComparison.Ordinal);
        Assert.Contains("from=2026-02-01", next, StringComparison.Ordinal);
        Assert.Contains("to=2026-02-01", next, StringComparison.Ordinal);
        Assert.Contains("account=customer@example.com", Uri.UnescapeDataString(next), StringComparison.Ordinal);
        var second = await HtmlPage.GetAsync(admin.Http, next);
        Assert.Single(second.FindAll("tbody tr"));
        Assert.Equal("192.0.2.55", second.Find("input[name=ip]")!.GetAttribute("value"));

        var bad = await HtmlPage.GetAsync(admin.Http, "/admin/audit?from=2026-02-30&to=2026-01-01&ip=%3Cscript%3E&account=customer");
        Assert.Equal(200, bad.Status);
        Assert.Empty(bad.FindAll("tbody tr"));
        Assert.Equal("2026-02-30", bad.Find("input[name=from]")!.GetAttribute("value"));
        Assert.Equal("<script>", bad.Find("input[name=ip]")!.GetAttribute("value"));
        Assert.Equal("customer", bad.Find("input[name=account]")!.GetAttribute("value"));
        Assert.NotEmpty(bad.Find("#hc-audit-from-error")!.TextContent.Trim());
        Assert.NotEmpty(bad.Find("#hc-audit-ip-error")!.TextContent.Trim());
        Assert.NotNull(bad.Find("[role=alert]"));
    }

    private static class Ids
    {
        public const string Customer = "{customer}";
        public const string Agent = "{agent}";
    }

    /// <summary>Adds events (written with the placeholders <see cref="Ids.Customer"/> and <see cref="Ids.Agent"/>) for the seeded accounts.</summary>
    private async Task<(string Customer, string Agent)> SeedAsync(Action<HelpCenterDbContext> add)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var customer = await db.Users.Where(u => u.NormalizedEmail == "CUSTOMER@EXAMPLE.COM").Select(u => u.Id).SingleAsync();
        var agent = await db.Users.Where(u => u.NormalizedEmail == "AGENT@EXAMPLE.COM").Select(u => u.Id).SingleAsync();
        add(db);
        foreach (var e in db.ChangeTracker.Entries<AuditEvent>().Select(e => e.Entity))
        {
            e.SubjectId = e.SubjectId switch { Ids.Customer => customer, Ids.Agent => agent, var other => other };
            e.ActorId = e.ActorId switch { Ids.Customer => customer, Ids.Agent => agent, var other => other };
        }

        await db.SaveChangesAsync();
        return (customer, agent);
    }
}
