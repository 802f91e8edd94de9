using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;

namespace HelpCenter.IntegrationTests.Pages.Insights;

/// <summary>The funnel on a fresh database, so that the counts are exactly this test's flows.</summary>
public sealed class DeflectionTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task FunnelCountsSolvedEscalatedAndCustomersWhoCameBack()
    {
        // Visitor A: solved by an article, then came back and asked for a phone reference within 24 hours.
        var a = factory.CreateBrowserLikeClient();
        var flowA = await StartAsync(a, "パスワードを忘れた");
        var open = (await HtmlPage.GetAsync(a, $"/contact?flow={Uri.EscapeDataString(flowA)}")).Find(".suggestion-list a")!.GetAttribute("href")!;
        var article = await HtmlPage.GetAsync(a, (await a.GetAsync(new Uri(open, UriKind.Relative))).Headers.Location!.OriginalString);
        await article.SubmitAsync(a, ".deflection-banner form", new Dictionary<string, string>());
        var flowA2 = await StartAsync(a, "やっぱりログインできない");
        var channels = await HtmlPage.GetAsync(a, $"/contact/channels?flow={Uri.EscapeDataString(flowA2)}");
        var phone = await channels.SubmitAsync(a, "form[action*=Phone]", new Dictionary<string, string>());
        var shown = await HtmlPage.GetAsync(a, phone.Headers.Location!.OriginalString);
        Assert.Matches(@"^HC-\d{8}-\d{4}$", shown.Find(".reference")!.TextContent);

        // Visitor B: solved, and did not come back. Visitor C: typed a question and left (a bare view of /contact
        // without a cookie or a question is not a started flow: nothing worth a row, see AnonymousWriteTests).
        var b = factory.CreateBrowserLikeClient();
        var flowB = await StartAsync(b, "出金手数料はいくら");
        await (await HtmlPage.GetAsync(b, $"/ja/articles/withdrawal-fees?flow={Uri.EscapeDataString(flowB)}")).SubmitAsync(b, ".deflection-banner form", new Dictionary<string, string>());
        await StartAsync(factory.CreateBrowserLikeClient(), "二段階認証の設定");

        var agent = new AccountClient(factory);
        await agent.LoginAsync("agent@example.com", MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        var report = await HtmlPage.GetAsync(agent.Http, "/insights/deflection");
        Assert.Equal("4", report.Find("[data-testid=started]")!.TextContent);
        Assert.Equal("2", report.Find("[data-testid=solved]")!.TextContent);
        Assert.Equal("1", report.Find("[data-testid=escalated]")!.TextContent);

        Assert.Equal("1", report.Find("[data-testid=came-back]")!.TextContent);

        // (2 solved - 1 came back) / 4 started.
        Assert.Contains("25", report.Find("[data-testid=rate]")!.TextContent, StringComparison.Ordinal);

        // By language: every flow was Japanese; the old address leads here.
        var ja = report.FindAll("#hc-table-languages tbody tr").Single();
        Assert.Equal(["ja", "4", "2", "1", "1", "25.0%"], new[] { 0, 1, 4, 5, 6, 7 }.Select(i => ja.Children[i].TextContent.Trim()));
        var moved = await agent.Http.GetAsync(new Uri("/agent/deflection", UriKind.Relative));
        Assert.Equal("/insights/deflection", moved.Headers.Location!.OriginalString);
    }

    private static async Task<string> StartAsync(HttpClient client, string? question)
    {
        var page = await HtmlPage.GetAsync(client, "/contact");
        var flow = page.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
        if (question is not null)
        {
            await client.GetAsync(new Uri($"/contact?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}", UriKind.Relative));
        }

        return flow;
    }
}
