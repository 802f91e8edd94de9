using System.Net;
using System.Text;
using System.Text.Json;
using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Insights;

/// <summary>/insights/search against a small hand-checked set of searches, on a fresh database.</summary>
public sealed class SearchTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task SearchPageCountsEachMetricOfAHandCheckedSet()
    {
        await SeedAsync();
        var editor = await DevelopmentAccounts.SignInAsNewStaffAsync(factory, Roles.Editor);
        var page = await HtmlPage.GetAsync(editor, "/insights/search?days=30");
        Assert.Equal(200, page.Status);

        // 7 searches in the period (the one 100 days ago is outside): 2 without results, 2 with results but no click,
        // 3 clicks at ranks 1, 3 and 2; one search followed by a request 10 minutes later.
        Assert.Equal("7", Text(page, "[data-testid=searches]"));
        Assert.Equal("2", Text(page, "[data-testid=no-result]"));
        Assert.Equal("2", Text(page, "[data-testid=no-click]"));
        Assert.Equal("42.9%", Text(page, "[data-testid=ctr]"));
        Assert.Equal("2.00", Text(page, "[data-testid=mean-rank]"));
        Assert.Equal("1", Text(page, "[data-testid=contact]"));

        // "パスワード" and "ﾊﾟｽﾜｰﾄﾞ？" are one query: 4 searches, 2 without a click, 2 clicks at ranks 1 and 3.
        var top = Rows(page, "top");
        Assert.Equal(["パスワード", "ja", "4", "0", "2", "50.0%", "2.00", "0"], top[0]);
        Assert.Equal(["ほげふが", "ja", "2", "2", "0", "0.0%", "-", "1"], top[1]);
        Assert.Equal(["fees", "en", "1", "0", "0", "100.0%", "2.00", "0"], top[2]);
        Assert.Equal("ほげふが", Rows(page, "no-result").Single()[0]);
        Assert.Equal("パスワード", Rows(page, "no-click").Single()[0]);
        Assert.Equal("ほげふが", Rows(page, "contact").Single()[0]);

        // The language filter.
        var english = await HtmlPage.GetAsync(editor, "/insights/search?days=7&lang=en");
        Assert.Equal("1", Text(english, "[data-testid=searches]"));

        // CSV: the same cells, with a byte order mark; a query that looks like a formula is defused.
        var csv = await editor.GetAsync(new Uri("/insights/search?handler=Csv&table=top&days=30", UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("パスワード,ja,4,0,2,50.0%,2.00,0", lines[1]);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(new Uri("/insights/search?handler=Csv&table=nope", UriKind.Relative))).StatusCode);

        // No visitor id anywhere on the page.
        Assert.DoesNotContain("visitor-a", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DismissHidesAFailedQueryUntilRestored()
    {
        await SeedAsync();
        var editor = await DevelopmentAccounts.SignInAsNewStaffAsync(factory, Roles.Editor);
        var page = await HtmlPage.GetAsync(editor, "/insights/search");
        var dismissed = await page.SubmitAsync(editor, "#hc-table-no-result form[action*=Dismiss]", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);

        page = await HtmlPage.GetAsync(editor, dismissed.Headers.Location!.OriginalString);
        Assert.Empty(Rows(page, "no-result"));
        Assert.Contains("ほげふが", page.Find("#hc-dismissed")!.ParentElement!.TextContent, StringComparison.Ordinal);

        // Still counted among all searches; restoring brings it back.
        Assert.Equal("ほげふが", Rows(page, "top")[1][0]);
        await page.SubmitAsync(editor, ".dismissed-list form", new Dictionary<string, string>());
        Assert.Equal("ほげふが", Rows(await HtmlPage.GetAsync(editor, "/insights/search"), "no-result").Single()[0]);
    }

    [Fact]
    public async Task AddSynonymFromAFailedQueryMakesTheSearchFindTheArticle()
    {
        const string query = "zzqwithdrawfee";
        Assert.Equal(0, (await SearchAsync(query)).GetProperty("total").GetInt32());

        var editor = await DevelopmentAccounts.SignInAsNewStaffAsync(factory, Roles.Editor);
        var synonyms = await HtmlPage.GetAsync(editor, "/editor/synonyms?lang=ja&query=" + Uri.EscapeDataString(query));
        var rules = synonyms.Find("#Input_Rules")!.TextContent;
        Assert.EndsWith(query + " => ", rules, StringComparison.Ordinal);
        Assert.Equal(query, synonyms.Find("#Input_Query")!.GetAttribute("value"));

        var typed = rules + "出金手数料";
        var tried = await HtmlPage.ParseAsync(await synonyms.SubmitAsync(editor, ".synonyms-form", new Dictionary<string, string> { ["Input.Rules"] = typed, ["Input.Query"] = query },
            "/editor/synonyms?handler=Try"));
        Assert.Contains("/ja/articles/withdrawal-fees", tried.FindAll(".try-results section")[1].InnerHtml, StringComparison.Ordinal);

        var saved = await synonyms.SubmitAsync(editor, ".synonyms-form", new Dictionary<string, string> { ["Input.Rules"] = typed, ["Input.Query"] = query }, "/editor/synonyms?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var results = (await SearchAsync(query)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("slug").GetString()).ToList();
        Assert.Contains("withdrawal-fees", results);
    }

    [Fact]
    public async Task WriteAnArticleOpensTheEditorWithTheQueryAsWorkingTitle()
    {
        var editor = await DevelopmentAccounts.SignInAsNewStaffAsync(factory, Roles.Editor);
        var page = await HtmlPage.GetAsync(editor, "/editor/articles/new?lang=en&title=" + Uri.EscapeDataString("refund fees"));
        Assert.Equal("refund fees", page.Find("#Input_Title")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AgentsSeeSupportInsightsButNotSearchOrArticles()
    {
        var agent = await DevelopmentAccounts.SignInAsync(factory, "agent@example.com");
        foreach (var url in new[] { "/insights/search", "/insights/articles", "/insights/search?handler=Csv&table=top" })
        {
            var refused = await agent.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/access-denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(new Uri("/insights/deflection", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(new Uri("/insights/support", UriKind.Relative))).StatusCode);
        var nav = await HtmlPage.GetAsync(agent, "/insights/support");
        Assert.DoesNotContain(nav.FindAll(".tabs a"), a => a.GetAttribute("href") == "/insights/search");
    }

    [Fact]
    public async Task RetentionDeletesRawEventsOlderThan400DaysOnly()
    {
        await SeedAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            db.SearchLogs.Add(new SearchLog { Key = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow.AddDays(-401), Query = "とても古い", Language = "ja", Source = "page", SessionId = "x" });
            db.ArticleViews.Add(new ArticleView { VisitorId = "x", Slug = "password-reset", Language = "ja", At = DateTimeOffset.UtcNow.AddDays(-401) });
            await db.SaveChangesAsync();
        }

        // As the insights job does: roll up, then delete (retention never deletes what is not rolled up).
        await factory.Services.GetRequiredService<HelpCenter.Insights.InsightsRollup>().RunOnceAsync();
        Assert.Equal(2, await factory.Services.GetRequiredService<HelpCenter.Insights.RawEventRetention>().RunOnceAsync());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            Assert.Contains(db.SearchLogs, s => s.Query == "古い検索");
            Assert.DoesNotContain(db.SearchLogs, s => s.Query == "とても古い");
        }
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/api/search?lang=ja&q=" + Uri.EscapeDataString(query), UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string Text(HtmlPage page, string selector) => page.Find(selector)!.TextContent.Trim();

    private static List<string[]> Rows(HtmlPage page, string table) =>
        page.FindAll($"#hc-table-{table} tbody tr").Where(r => r.QuerySelector(".muted") is null)
            .Select(r => r.Children.Take(8).Select(c => c.TextContent.Trim()).ToArray()).ToList();

    private static bool _seeded;

    /// <summary>Searches an hour ago (and one 100 days ago), written straight to the table as the analytics writer would.</summary>
    private async Task SeedAsync()
    {
        if (_seeded)
        {
            return;
        }

        _seeded = true;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        void Add(string query, string language, int results, int? rank, string visitor = "visitor-b", DateTimeOffset? when = null) =>
            db.SearchLogs.Add(new SearchLog
            {
                Key = Guid.NewGuid(), CreatedAt = when ?? at, Query = query, Language = language, ResultCount = results, Source = "page", SessionId = visitor,
                ClickedSlug = rank is null ? null : "password-reset", ClickedRank = rank,
            });
        Add("パスワード", "ja", 5, 1);
        Add("パスワード", "ja", 5, 3);
        Add("パスワード", "ja", 5, null);
        Add("ﾊﾟｽﾜｰﾄﾞ？", "ja", 5, null);
        Add("ほげふが", "ja", 0, null, "visitor-a", at);
        Add("ほげふが", "ja", 0, null, "visitor-a", at.AddMinutes(20));
        Add("fees", "en", 3, 2);
        Add("古い検索", "ja", 0, null, when: at.AddDays(-100));
        db.ContactFlows.Add(new ContactFlow
        {
            Id = Guid.NewGuid(), VisitorId = "visitor-a", Language = "ja", StartedAt = at.AddMinutes(5), EscalatedAt = at.AddMinutes(10),
            EscalatedChannel = RequestChannel.Email,
        });
        await db.SaveChangesAsync();
    }
}
