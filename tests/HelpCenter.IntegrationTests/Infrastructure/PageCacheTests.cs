using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Infrastructure;

/// <summary>Public pages are cached for anonymous visitors; nothing personal may leak into a cached copy.</summary>
public sealed class PageCacheTests(PageCacheTests.CountingFactory factory) : IClassFixture<PageCacheTests.CountingFactory>
{
    private const string Article = "/ja/articles/phishing";

    [Fact]
    public async Task AnonymousVisitorsShareTheCachedPageButEachGetsTheirOwnWorkingToken()
    {
        var first = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), Article);
        var secondClient = factory.CreateBrowserLikeClient();
        var second = await HtmlPage.GetAsync(secondClient, Article);

        Assert.Equal(first.Response.Headers.ETag, second.Response.Headers.ETag);
        Assert.DoesNotContain(HelpCenter.Infrastructure.CachedPageTokens.Placeholder, second.Html, StringComparison.Ordinal);
        var token = (AngleSharp.Dom.IElement page) => page.GetAttribute("value");
        Assert.NotEqual(token(first.Find("form.feedback-form input[name=__RequestVerificationToken]")!), token(second.Find("form.feedback-form input[name=__RequestVerificationToken]")!));

        // The token filled into the cached copy belongs to this visitor: the vote goes through.
        var vote = await second.SubmitAsync(secondClient, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, vote.StatusCode);
    }

    [Fact]
    public async Task ABrowserHoldingThePageGetsNotModified()
    {
        var client = factory.CreateBrowserLikeClient();
        var page = await client.GetAsync(new Uri(Article, UriKind.Relative));
        var etag = page.Headers.ETag!;

        using var request = new HttpRequestMessage(HttpMethod.Get, Article);
        request.Headers.IfNoneMatch.Add(etag);
        var again = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ACachedPageNeverCarriesAnotherVisitorsVoteOrAccount()
    {
        var voter = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(voter, Article);
        await page.SubmitAsync(voter, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "false" });
        await HtmlPage.GetAsync(voter, Article);
        var voterLater = await HtmlPage.GetAsync(voter, Article);
        Assert.Contains("以前「いいえ」と回答", voterLater.Html, StringComparison.Ordinal);

        var customer = await DevelopmentAccounts.SignInAsync(factory, "customer@example.com");
        var signedIn = await HtmlPage.GetAsync(customer, Article);
        Assert.NotNull(signedIn.Find("a[href='/account/manage']"));

        var stranger = await HtmlPage.GetAsync(factory.CreateBrowserLikeClient(), Article);
        Assert.DoesNotContain("以前「", stranger.Html, StringComparison.Ordinal);
        Assert.Null(stranger.Find("a[href='/account/manage']"));
        Assert.NotNull(stranger.Find("a[href='/account/login']"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/faq")]
    [InlineData("/ja/categories/security")]
    [InlineData(Article)]
    [InlineData("/en/articles/phishing")]
    [InlineData("/search?q=%E5%87%BA%E9%87%91")]
    public async Task PageViewsWriteNothingToTheDatabaseInTheRequest(string url)
    {
        foreach (var client in new[] { factory.CreateBrowserLikeClient(), await ReturningVisitorAsync() })
        {
            // The analytics writer of this factory waits a second before writing: anything written now came from the request.
            await factory.FlushAnalyticsAsync();
            var before = factory.Writes.Count;
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
            }

            Assert.Equal(before, factory.Writes.Count);
        }
    }

    /// <summary>A visitor with the visitor cookie (they searched before): their views are recorded, later.</summary>
    private async Task<HttpClient> ReturningVisitorAsync()
    {
        var client = factory.CreateBrowserLikeClient();
        await client.GetAsync(new Uri("/search?q=%E5%85%A5%E9%87%91", UriKind.Relative));
        return client;
    }

    [Fact]
    public async Task TheCounterSeesWrites()
    {
        // Guards the test above: a vote is a write, and the counter must see it.
        var client = factory.CreateBrowserLikeClient();
        var page = await HtmlPage.GetAsync(client, "/ja/articles/two-factor-setup");
        var before = factory.Writes.Count;
        await page.SubmitAsync(client, "form.feedback-form", new Dictionary<string, string> { ["Input.Helpful"] = "true" });
        Assert.True(factory.Writes.Count > before);
    }

    /// <summary>The app with a command interceptor that records every statement that is not a read.</summary>
    public sealed class CountingFactory : MailFactory
    {
        public ConcurrentQueue<string> Writes { get; } = new();

        protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
        {
            ["HelpCenter:Analytics:BatchDelayMilliseconds"] = "1000",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<HelpCenterDbContext>(options =>
                options.AddInterceptors(new WriteCounter(Writes))));
        }
    }

    private sealed class WriteCounter(ConcurrentQueue<string> writes) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            var sql = command.CommandText.TrimStart();
            if (!sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && !sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase))
            {
                writes.Enqueue(sql);
            }
        }
    }
}
