using System.Net;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Articles;

public sealed class ShowTests(HelpCenterFactory factory) : IClassFixture<HelpCenterFactory>
{
    [Fact]
    public async Task ArticleShowsRenderedMarkdownWithBreadcrumbsDateAndTableOfContents()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/ja/articles/two-factor-setup");

        Assert.Equal(200, page.Status);
        Assert.Equal("二段階認証を設定する方法", page.Heading);
        Assert.Equal(["ホーム", "セキュリティ", "二段階認証を設定する方法"], page.FindAll(".breadcrumbs li").Select(li => li.TextContent.Trim()));
        Assert.Equal("2026-10-15", page.Find("time")!.GetAttribute("datetime"));
        Assert.Contains("2026年10月15日", page.Find("time")!.TextContent, StringComparison.Ordinal);
        var toc = page.FindAll(".toc a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("#設定手順", toc);
        Assert.NotNull(page.Find("h2#設定手順 a.heading-anchor[href='#設定手順']"));
        Assert.NotEmpty(page.FindAll(".article-body ol li"));
        Assert.NotEmpty(page.FindAll(".related li a"));
    }

    [Fact]
    public async Task TranslatedArticleLinksToItsOtherLanguages()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/en/articles/two-factor-setup");

        Assert.Equal("en", page.Language);
        Assert.Equal("en", page.Find("article")!.GetAttribute("lang"));
        var links = page.FindAll(".translations a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/ja/articles/two-factor-setup", "/zh/articles/two-factor-setup"], links);
        Assert.Null(page.Find(".notice"));
    }

    [Fact]
    public async Task MissingTranslationFallsBackToJapaneseWithANotice()
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), "/zh/articles/recovery-codes");

        Assert.Equal(200, page.Status);
        Assert.Equal("zh-Hans", page.Language);
        Assert.Equal("ja", page.Find("article")!.GetAttribute("lang"));
        Assert.Contains("本文暂无中文版本", page.Find(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ja/articles/no-such-article")]
    [InlineData("/fr/articles/password-reset")]
    [InlineData("/ja/articles/%3Cscript%3E")]
    public async Task UnknownArticleIsA404WithASearchBox(string url)
    {
        var page = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), url);

        Assert.Equal(404, page.Status);
        Assert.NotNull(page.Find("main form[role=search]"));
    }

    [Fact]
    public async Task VoteIsStoredOncePerVisitorAndCanBeChanged()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/ja/articles/phishing");

        var first = await page.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "false", ["Input.Comment"] = "手順が分かりにくい" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/ja/articles/phishing#feedback", first.Headers.Location!.OriginalString);

        var thanks = await HtmlPage.GetAsync(client, "/ja/articles/phishing");
        Assert.Contains("ご回答ありがとうございました", thanks.Find("[role=status]")!.TextContent, StringComparison.Ordinal);

        var second = await thanks.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var vote = Assert.Single(await db.ArticleFeedback.Where(f => f.Slug == "phishing").ToListAsync());
        Assert.True(vote.Helpful);
        Assert.Equal("手順が分かりにくい", vote.Comment);
        Assert.Equal("ja", vote.Language);

        var thanksAgain = await HtmlPage.GetAsync(client, "/ja/articles/phishing");
        Assert.NotNull(thanksAgain.Find("[role=status]"));
        var later = await HtmlPage.GetAsync(client, "/ja/articles/phishing");
        Assert.Null(later.Find("[role=status]"));
        Assert.Contains("以前「はい」と回答", later.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClickOnNoRecordsTheVoteThenOffersACommentAndTheContactFlowFromTheArticle()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/ja/articles/recovery-codes");

        // The first step is the click itself: yes and no are the form's submit buttons, no comment box yet.
        Assert.Null(page.Find("form.feedback-form textarea"));
        var no = page.Find("form.feedback-form button[name='Input.Helpful'][value=false]")!;
        Assert.Equal("いいえ", no.TextContent.Trim());
        var clicked = await page.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, clicked.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var vote = Assert.Single(await db.ArticleFeedback.Where(f => f.Slug == "recovery-codes").ToListAsync());
            Assert.False(vote.Helpful);
            Assert.Null(vote.Comment);
        }

        var thanks = await HtmlPage.GetAsync(client, clicked.Headers.Location!.OriginalString);
        Assert.Contains("ご回答ありがとうございました", thanks.Find("#feedback [role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", thanks.Find("form.feedback-form button[value=false]")!.GetAttribute("aria-pressed"));

        // "No" offers the contact flow, starting from this article (as the floating launcher does), in its topic.
        var contact = thanks.Find("#feedback .feedback-contact a")!.GetAttribute("href")!;
        Assert.Equal("/contact?from=%2Fja%2Farticles%2Frecovery-codes&topic=security", contact);
        var flow = await HtmlPage.GetAsync(client, contact);
        Assert.Equal(200, flow.Status);
        Assert.Equal("security", flow.Find("select[name=topic] option[selected]")?.GetAttribute("value"));

        // The comment is optional, afterwards; sending it keeps the vote.
        var comment = thanks.Find("form.feedback-form button.secondary[name='Input.Helpful']")!;
        Assert.Equal("false", comment.GetAttribute("value"));
        var sent = await thanks.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "false", ["Input.Comment"] = "コードの保管場所が分からない" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var vote = Assert.Single(await db.ArticleFeedback.Where(f => f.Slug == "recovery-codes").ToListAsync());
            Assert.False(vote.Helpful);
            Assert.Equal("コードの保管場所が分からない", vote.Comment);
        }

        var later = await HtmlPage.GetAsync(client, "/ja/articles/recovery-codes");
        Assert.Equal("コードの保管場所が分からない", later.Find("form.feedback-form textarea")!.TextContent);
        Assert.NotNull(later.Find("#feedback .feedback-contact a"));
    }

    [Fact]
    public async Task InvalidVoteKeepsTheCommentAndExplainsTheError()
    {
        var client = factory.CreateBrowserLikeClient("en");
        var page = await HtmlPage.GetAsync(client, "/en/articles/phishing");

        var response = await page.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Comment"] = "<b>typed text</b>" });
        var result = await HtmlPage.ParseAsync(response);

        Assert.Equal(200, result.Status);
        Assert.Equal("<b>typed text</b>", result.Find("textarea[name='Input.Comment']")!.TextContent);
        Assert.Contains("Please choose Yes or No.", result.Find(".field-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TooLongCommentIsRejectedWithItsTextKept()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/ja/articles/phishing");
        var comment = new string('あ', 1001);

        var result = await HtmlPage.ParseAsync(await page.SubmitAsync(client, "form.feedback-form",
            new Dictionary<string, string> { ["Input.Helpful"] = "true", ["Input.Comment"] = comment }));

        Assert.Equal(200, result.Status);
        Assert.Equal(comment, result.Find("textarea")!.TextContent);
        Assert.Contains("1000文字以内", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoteWithoutAntiforgeryTokenIsRejected()
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await client.PostAsync(new Uri("/ja/articles/phishing", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Helpful"] = "true" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
