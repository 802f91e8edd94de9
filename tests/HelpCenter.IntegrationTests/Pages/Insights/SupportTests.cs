using HelpCenter.Contact;
using HelpCenter.Feedback;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Insights;

/// <summary>/insights/support and /insights/articles against small hand-checked sets, on a fresh database.</summary>
public sealed class SupportTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task SupportPageMeasuresWaitsResponsesSurveysAndOpenRequests()
    {
        var agentId = await DevelopmentAccounts.IdAsync(factory.Services, "agent@example.com");
        // 03:00 UTC is 12:00 in Japan.
        var noon = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-1).AddHours(3), TimeSpan.Zero);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            // Three chats: waits 1, 2 and 10 minutes; first replies 2, 3 and 11 minutes after the start; handled 5, 5 and 20
            // minutes after assignment; ratings 5, 4, 1.
            foreach (var (wait, reply, handled, rating) in new[] { (1, 2, 5, 5), (2, 3, 5, 4), (10, 11, 20, 1) })
            {
                var chat = Request(RequestChannel.Chat, noon, RequestStatus.Solved);
                chat.QueuedAt = noon;
                chat.AssignedAt = noon.AddMinutes(wait);
                chat.AssignedToId = agentId;
                chat.SurveyRating = rating;
                chat.Resolution = "solved";
                chat.Messages.Add(Message(1, MessageKind.Customer, noon));
                chat.Messages.Add(Message(2, MessageKind.Agent, noon.AddMinutes(reply)));
                chat.Messages.Add(Message(3, MessageKind.Customer, noon.AddMinutes(wait + handled)));
                db.Requests.Add(chat);
            }

            // An e-mail still open for two to three days, sent at 09:00 in Japan (not in the chats' hour, whatever the time of the run).
            db.Requests.Add(Request(RequestChannel.Email, new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(-2), TimeSpan.Zero), RequestStatus.Open));
            await db.SaveChangesAsync();
        }

        var lead = await DevelopmentAccounts.SignInAsync(factory, "agent@example.com");
        var page = await HtmlPage.GetAsync(lead, "/insights/support?days=7");
        Assert.Equal("3", page.Find("[data-testid=channel-Chat]")!.TextContent);
        Assert.Equal("1", page.Find("[data-testid=channel-Email]")!.TextContent);

        // Hour of day in Japan time: the chats at 12:00.
        var twelve = page.FindAll("#hc-table-hours tbody tr")[12];
        Assert.Equal("12:00", twelve.Children[0].TextContent);
        Assert.Equal("3", twelve.Children[^1].TextContent);

        // Nearest-rank: median of (1, 2, 10) is 2, p90 is 10.
        var chats = page.FindAll("#hc-table-timings tbody tr").Single(r => r.Children[1].TextContent != "-");
        Assert.Equal(["0:02:00", "0:10:00", "0:03:00", "0:11:00", "0:05:00", "0:20:00"], chats.Children.Skip(1).Select(c => c.TextContent));

        // Survey: 3 answers, average 3.33, one each of 1, 4 and 5.
        var survey = page.FindAll("#hc-table-survey-languages tbody tr").Single();
        Assert.Equal(["ja", "3", "3.33", "1", "0", "0", "1", "1"], survey.Children.Select(c => c.TextContent));

        // The open e-mail is between 1 and 3 days old.
        var email = page.FindAll("#hc-table-open tbody tr")[0];
        Assert.Equal(["0", "0", "0", "1", "0", "0"], email.Children.Skip(1).Select(c => c.TextContent));
    }

    [Fact]
    public async Task ArticlesPageCountsViewsVotesCommentsAndReadsBeforeAContact()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            foreach (var (visitor, slug, minutes) in new[] { ("v1", "password-reset", 0), ("v1", "withdrawal-fees", 5), ("v2", "password-reset", 0), ("v3", "password-reset", 0) })
            {
                db.ArticleViews.Add(new ArticleView { VisitorId = visitor, Slug = slug, Language = "ja", At = at.AddMinutes(minutes) });
            }

            // v1 asked 20 minutes after reading password-reset (and 15 after withdrawal-fees); v2 asked 2 hours later.
            db.ContactFlows.Add(new ContactFlow { Id = Guid.NewGuid(), VisitorId = "v1", Language = "ja", StartedAt = at.AddMinutes(19), EscalatedAt = at.AddMinutes(20) });
            db.ContactFlows.Add(new ContactFlow { Id = Guid.NewGuid(), VisitorId = "v2", Language = "ja", StartedAt = at.AddMinutes(119), EscalatedAt = at.AddMinutes(120) });
            db.ArticleFeedback.Add(new ArticleFeedback { Language = "ja", Slug = "password-reset", VisitorId = "v1", Helpful = false, Comment = "手順の画面が古い", CreatedAt = at, UpdatedAt = at });
            db.ArticleFeedback.Add(new ArticleFeedback { Language = "ja", Slug = "password-reset", VisitorId = "v2", Helpful = true, CreatedAt = at, UpdatedAt = at });
            await db.SaveChangesAsync();
        }

        var editor = await DevelopmentAccounts.SignInAsync(factory, "editor@example.com");
        var page = await HtmlPage.GetAsync(editor, "/insights/articles?lang=ja");
        Assert.Equal("4", page.Find("[data-testid=views]")!.TextContent);
        Assert.Equal("1", page.Find("[data-testid=helpful]")!.TextContent);
        Assert.Equal("1", page.Find("[data-testid=not-helpful]")!.TextContent);

        var top = page.FindAll("#hc-table-most-viewed tbody tr")[0].Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["ja", "3", "1", "1", "50.0%", "1", "1"], top.Skip(1));
        var before = page.FindAll("#hc-table-before-contact tbody tr").Select(r => r.Children[2].TextContent).ToList();
        Assert.Equal(["1", "1"], before.Select(_ => "1"));
        Assert.Equal(2, before.Count);
        Assert.DoesNotContain(page.FindAll("#hc-table-not-viewed tbody th"), th => th.TextContent.Contains("パスワード", StringComparison.Ordinal) && th.TextContent.Contains("再設定", StringComparison.Ordinal));

        // The comment is readable and can be marked done.
        var comment = page.FindAll("#hc-table-comments tbody tr").Single();
        Assert.Contains("手順の画面が古い", comment.TextContent, StringComparison.Ordinal);
        var done = await page.SubmitAsync(editor, "#hc-table-comments form", new Dictionary<string, string>());
        var after = await HtmlPage.GetAsync(editor, done.Headers.Location!.OriginalString);
        Assert.Equal("done", after.FindAll("#hc-table-comments tbody tr").Single().GetAttribute("class"));
    }

    private static SupportRequest Request(RequestChannel channel, DateTimeOffset at, RequestStatus status) => new()
    {
        Reference = "HC-" + Guid.NewGuid().ToString("N")[..12], Channel = channel, Status = status, Topic = "account", Language = "ja", Email = "c@example.com",
        Description = "help", CreatedAt = at, UpdatedAt = at,
    };

    private static RequestMessage Message(int sequence, MessageKind kind, DateTimeOffset at) => new() { Sequence = sequence, Kind = kind, Body = "…", CreatedAt = at };
}
