using System.Net;
using System.Text.Json;
using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using HelpCenter.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Pages.Contact;

public sealed class ContactFlowTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task SuggestionsForTheQuestionSayWhichWordsMatched()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);

        var json = await client.GetStringAsync(new Uri($"/api/contact/suggest?flow={Uri.EscapeDataString(flow)}&topic=account&q={Uri.EscapeDataString("出金がまだ届きません")}", UriKind.Relative));
        var items = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.InRange(items.Count, 1, 5);
        Assert.All(items, item =>
        {
            Assert.NotEmpty(item.GetProperty("matched").EnumerateArray());
            Assert.StartsWith("/contact?handler=open&flow=", item.GetProperty("url").GetString(), StringComparison.Ordinal);
        });

        // Without JavaScript the same suggestions come with the page.
        var page = await HtmlPage.GetAsync(client, $"/contact?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("出金がまだ届きません")}");
        Assert.Equal(items.Count, page.FindAll(".suggestion-list li").Count);
        Assert.Equal("出金がまだ届きません", page.Find("#hc-question")!.TextContent.Trim());
    }

    [Fact]
    public async Task HostileQuestionsNeverBreakTheFlow()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = Uri.EscapeDataString(await StartFlowAsync(client));
        foreach (var hostile in new[] { "<script>alert(1)</script>", "title:(a OR b)^9 ~\"", new string('(', 5000), "\u202E\u0000\u0007😀", "'; DROP TABLE Requests; --" })
        {
            var response = await client.GetAsync(new Uri($"/api/contact/suggest?flow={flow}&q={Uri.EscapeDataString(hostile)}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HtmlPage.GetAsync(client, $"/contact?flow={flow}&q={Uri.EscapeDataString(hostile)}");
            Assert.Equal(200, page.Status);
            Assert.Empty(page.FindAll("main script:not([src])"));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/api/contact/suggest?flow=forged&q=x", UriKind.Relative))).StatusCode);
        var forged = await client.GetAsync(new Uri("/contact/channels?flow=CfDJ8forged", UriKind.Relative));
        Assert.Equal("/contact", forged.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task OpeningASuggestionAndSayingItSolvedTheProblemIsRecordedAsADeflection()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var page = await HtmlPage.GetAsync(client, $"/contact?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("パスワードを忘れた")}");
        var open = page.Find(".suggestion-list a")!.GetAttribute("href")!;

        var redirect = await client.GetAsync(new Uri(open, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var article = await HtmlPage.GetAsync(client, redirect.Headers.Location!.OriginalString);
        Assert.NotNull(article.Find(".deflection-banner"));
        var solved = await article.SubmitAsync(client, ".deflection-banner form", new Dictionary<string, string>());
        Assert.Equal("/contact/solved", solved.Headers.Location?.OriginalString);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var slug = redirect.Headers.Location.OriginalString.Split('/', '?')[3];
        var record = await db.ContactFlows.SingleAsync(f => f.SolvedSlug == slug && f.Question == "パスワードを忘れた");
        Assert.Contains(slug, ContactFlowService.Lines(record.OpenedSlugs));
        Assert.Null(record.EscalatedAt);
    }

    [Fact]
    public async Task EmailRequestCarriesTheServerSideContextAndTheCustomerGetsTheReference()
    {
        var client = factory.CreateBrowserLikeClient();
        await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString("出金手数料"), UriKind.Relative));
        await HtmlPage.BrowseAsync(client, "/ja/articles/withdrawal-fees");
        var flow = await StartFlowAsync(client, from: "/ja/articles/withdrawal-fees");
        await client.GetAsync(new Uri($"/contact?flow={Uri.EscapeDataString(flow)}&topic=account&q={Uri.EscapeDataString("出金が3時間たっても届きません")}", UriKind.Relative));

        var email = AccountClient.NewEmail();
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
        Assert.Equal("出金が3時間たっても届きません", form.Find("#Input_Description")!.TextContent.Trim());
        var values = new Dictionary<string, string>
        {
            ["Input.Name"] = "山田 花子",
            ["Input.Email"] = email,
            ["Input.AccountNumber"] = "ｌｘ１２３４５６７８",
            ["Input.TransactionIds"] = "WD-0123456789、0xABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789",
            ["Input.Description"] = "出金が3時間たっても届きません",
            ["Input.TimeZone"] = "Asia/Tokyo",
        };
        var first = await form.SubmitAsync(client, "#hc-request-form", values);
        var second = await form.SubmitAsync(client, "#hc-request-form", values);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location!.OriginalString.Split('?')[0], second.Headers.Location!.OriginalString.Split('?')[0]);

        var confirmation = await HtmlPage.GetAsync(client, first.Headers.Location!.OriginalString);
        var reference = confirmation.Find("h1 code")!.TextContent;
        Assert.Matches(@"^HC-\d{8}-\d{4}$", reference);
        var mail = await factory.Smtp.WaitForMailAsync(email, reference);
        Assert.Contains("http://localhost/requests/" + reference + "?key=", mail.TextBody, StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Email == email);
        Assert.Equal(reference, request.Reference);
        Assert.Equal("LX12345678", request.AccountNumber);
        Assert.Equal("WD-0123456789\n0xabcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", request.TransactionIds);
        Assert.Equal("account", request.Topic);
        var context = RequestContext.Deserialize(request.SystemContextJson)!;
        Assert.Equal("/ja/articles/withdrawal-fees", context.StartPage);
        Assert.Contains("出金手数料", context.RecentSearches);
        Assert.Contains("ja/withdrawal-fees", context.RecentArticles);
        Assert.NotEmpty(context.SuggestionsShown);
        Assert.Equal("Asia/Tokyo", context.BrowserTimeZone);
        Assert.Null(context.Account);
        Assert.Equal(RequestChannel.Email, (await db.ContactFlows.SingleAsync(f => f.RequestId == request.Id)).EscalatedChannel);

        // The private link is the only way in for an anonymous customer.
        var stranger = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/requests/{reference}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/requests/{reference}?key=forged", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CallbackFormAgreesWithTheContactArticleAndTheConfirmationSaysNumberWindowAndWhen()
    {
        var client = factory.CreateBrowserLikeClient("en");
        var article = await HtmlPage.GetAsync(client, "/en/articles/contact-hours");
        Assert.Contains("8-digit customer ID", article.Html, StringComparison.Ordinal);
        var flow = await StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/callback?flow={Uri.EscapeDataString(flow)}");

        // The article offers callbacks in Japanese only: so does the form, even to an English reader.
        Assert.Equal(["ja"], form.FindAll("#Input_CallbackLanguage option").Select(o => o.GetAttribute("value")));
        Assert.Contains("Japanese only", form.Find("#hc-callback-language-hint")!.TextContent, StringComparison.Ordinal);
        var english = await HtmlPage.ParseAsync(await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "callback-en@example.com",
            ["Input.Phone"] = "090-1234-5678",
            ["Input.CallbackWindow"] = "morning",
            ["Input.CallbackLanguage"] = "en",
            ["Input.AccountNumber"] = "12345678",
            ["Input.Description"] = "Please call me",
        }));
        Assert.Equal(200, english.Status);
        Assert.Contains("Japanese only", english.Find("#Input_CallbackLanguage-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("12345678", english.Find("#Input_AccountNumber")!.GetAttribute("value"));
        Assert.Null(english.Find("#Input_AccountNumber-error:not(:empty)"));

        // The 8 digits the article asks for are accepted and stored in the account's usual form.
        var created = await english.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "callback-en@example.com",
            ["Input.Phone"] = "090-1234-5678",
            ["Input.CallbackWindow"] = "morning",
            ["Input.CallbackLanguage"] = "ja",
            ["Input.AccountNumber"] = "12345678",
            ["Input.Description"] = "Please call me",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // The confirmation says which number will be called, in which window and when.
        var confirmation = await HtmlPage.GetAsync(client, created.Headers.Location!.OriginalString);
        Assert.Equal("+819012345678", confirmation.Find(".callback-summary .callback-phone")!.TextContent.Trim());
        Assert.Equal("Morning (10:00–12:00)", confirmation.Find(".callback-summary .callback-window")!.TextContent.Trim());
        // ... and on which day, in Japan time: the first working day of the callback desk on which the morning window has
        // not yet ended when the request was made (a weekday before 12:00 JST is the same day).
        var when = confirmation.Find(".callback-summary .callback-when time")!;
        Assert.Matches(@"^\w{3} \d{1,2} \w{3} \d{4}, between 10:00 and 12:00 \(JST\)\.$", when.TextContent.Trim());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Email == "callback-en@example.com");
        Assert.Equal("LX12345678", request.AccountNumber);
        Assert.Equal("ja", request.Language);
        var tokyo = TimeZoneInfo.ConvertTime(request.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        var day = DateOnly.FromDateTime(tokyo.DateTime).AddDays(tokyo.Hour >= 12 ? 1 : 0);
        var holidays = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContactOptions>>().Value.Holidays;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || holidays.Contains(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
        {
            day = day.AddDays(1);
        }

        Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), when.GetAttribute("datetime"));
        Assert.StartsWith(day.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), when.TextContent.Trim(), StringComparison.Ordinal);

        // The operator reads the same window and day on the request.
        var agent = await NewAgentAsync();
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{request.Reference}");
        Assert.Equal("午前（10:00〜12:00）", detail.Find("dd.callback-window")!.TextContent.Trim());
        Assert.Equal(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), detail.Find("dd.callback-when time")!.GetAttribute("datetime"));
        Assert.Contains("10:00〜12:00（JST）", detail.Find("dd.callback-when")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidFieldsKeepEverythingTypedWithTheErrorNextToTheField()
    {
        var client = factory.CreateBrowserLikeClient("en");
        var flow = await StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/callback?flow={Uri.EscapeDataString(flow)}");
        var response = await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Name"] = "<b>Jane</b>",
            ["Input.Email"] = "jane@example.com",
            ["Input.Phone"] = "12345",
            ["Input.CallbackWindow"] = "morning",
            ["Input.CallbackLanguage"] = "en",
            ["Input.AccountNumber"] = "AB123",
            ["Input.TransactionIds"] = "ORD-0123456789, not-an-id",
            ["Input.Description"] = "Please call me",
        });
        var page = await HtmlPage.ParseAsync(response);
        Assert.Equal(200, page.Status);
        Assert.Equal("<b>Jane</b>", page.Find("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("12345", page.Find("#Input_Phone")!.GetAttribute("value"));
        Assert.Equal("ORD-0123456789, not-an-id", page.Find("#Input_TransactionIds")!.TextContent.Trim());
        Assert.Contains("phone number", page.Find("#Input_Phone-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("LX", page.Find("#Input_AccountNumber-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not-an-id", page.Find("#Input_TransactionIds-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("morning", page.Find("#Input_CallbackWindow option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task OperatorSeesTheContextRepliesAndTheCustomerReceivesTheReplyButNeverTheNote()
    {
        var customer = new AccountClient(factory);
        await customer.LoginAsync("customer@example.com", MailFactory.DevelopmentPassword);
        var flow = await StartFlowAsync(customer.Http);
        var form = await HtmlPage.GetAsync(customer.Http, $"/contact/callback?flow={Uri.EscapeDataString(flow)}");
        Assert.Equal("customer@example.com", form.Find("#Input_Email")!.GetAttribute("value"));
        var created = await form.SubmitAsync(customer.Http, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "customer@example.com",
            ["Input.Phone"] = "０９０−１２３４−５６７８",
            ["Input.CallbackWindow"] = "afternoon",
            ["Input.CallbackLanguage"] = "ja",
            ["Input.Description"] = "二段階認証のコードが通りません",
        });
        var mine = await HtmlPage.GetAsync(customer.Http, "/requests");
        var reference = mine.Find(".article-cards code")!.TextContent;
        Assert.Contains(reference, created.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var agent = await NewAgentAsync();
        var inbox = await HtmlPage.GetAsync(agent.Http, "/agent?channel=Callback");
        Assert.Contains(inbox.FindAll("tbody tr"), row => row.TextContent.Contains(reference, StringComparison.Ordinal));
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        Assert.Contains("+819012345678", detail.Find(".request-facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("customer@example.com", detail.Find("#hc-verified")!.ParentElement!.TextContent, StringComparison.Ordinal);

        var note = detail.Find("#hc-reply-form button.secondary")!.GetAttribute("formaction")!;
        var send = detail.Find("#hc-reply-form button:not(.secondary)")!.GetAttribute("formaction")!;
        await detail.SubmitAsync(agent.Http, "#hc-reply-form", new Dictionary<string, string> { ["Input.Body"] = "社内：本人確認済み" }, note);
        var reply = await detail.SubmitAsync(agent.Http, "#hc-reply-form", new Dictionary<string, string> { ["Input.Body"] = "認証アプリの時刻設定をご確認ください。" }, send);
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);

        var mail = await factory.Smtp.WaitForMailAsync("customer@example.com", "Re:");
        Assert.Contains("認証アプリの時刻設定をご確認ください。", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(reference + "@", mail.InReplyTo, StringComparison.Ordinal);

        var view = await HtmlPage.GetAsync(customer.Http, $"/requests/{reference}");
        Assert.Contains("認証アプリの時刻設定をご確認ください。", view.Find(".timeline")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("本人確認済み", view.Html, StringComparison.Ordinal);
        Assert.Contains("返信待ち", view.Find(".request-badges")!.TextContent, StringComparison.Ordinal);

        var answer = await view.SubmitAsync(customer.Http, "main form", new Dictionary<string, string> { ["Input.Body"] = "直りました、ありがとうございます" });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var back = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        Assert.Contains("直りました", back.Find(".timeline")!.TextContent, StringComparison.Ordinal);

        // Another signed-in customer cannot open it.
        var other = new AccountClient(factory);
        var email = AccountClient.NewEmail();
        await other.RegisterAndConfirmAsync(email, "correct horse battery");
        await other.LoginAsync(email, "correct horse battery");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(new Uri($"/requests/{reference}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ScreenshotsAreCheckedByContentAndOnlyStaffCanOpenThem()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
        var email = AccountClient.NewEmail();
        var png = SmallPng();

        var renamed = await HtmlPage.ParseAsync(await PostMultipartAsync(client, form, email, ("screen.png", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0, 0, 0 })));
        Assert.Equal(200, renamed.Status);
        Assert.Contains("screen.png", renamed.Find("#hc-screenshots-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("画面が真っ白になります", renamed.Find("#Input_Description")!.TextContent.Trim());

        var tooMany = await HtmlPage.ParseAsync(await PostMultipartAsync(client, form, email, ("1.png", png), ("2.png", png), ("3.png", png), ("4.png", png)));
        Assert.Contains("3", tooMany.Find("#hc-screenshots-error")!.TextContent, StringComparison.Ordinal);

        var created = await PostMultipartAsync(client, form, email, ("画面.png", png));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var reference = (await HtmlPage.GetAsync(client, created.Headers.Location!.OriginalString)).Find("h1 code")!.TextContent;

        var agent = await NewAgentAsync();
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        var image = detail.Find(".screenshots img")!.GetAttribute("src")!;
        var served = await agent.Http.GetAsync(new Uri(image, UriKind.Relative));
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", string.Join(" ", served.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri(image, UriKind.Relative))).StatusCode);
        var otherId = image.Replace("&id=", "&id=0", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.GetAsync(new Uri(otherId, UriKind.Relative))).StatusCode);
    }

    /// <summary>Issue 14, item 13: a screenshot attached to a form that another field sent back was silently dropped. It is
    /// kept (listed with its size, carried as a protected reference), can be removed, and goes with the request.</summary>
    [Fact]
    public async Task ScreenshotsAttachedToARejectedFormAreKeptListedRemovableAndSentWithTheRequest()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/callback?flow={Uri.EscapeDataString(flow)}");
        var email = AccountClient.NewEmail();
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Phone"] = "12345",
            ["Input.CallbackWindow"] = "afternoon",
            ["Input.CallbackLanguage"] = "ja",
            ["Input.AccountNumber"] = "12345678",
            ["Input.Description"] = "出金画面でエラーになります",
        };
        var rejected = await HtmlPage.ParseAsync(await PostFormAsync(client, form, fields, ("出金エラー.png", SmallPng()), ("二枚目.png", SmallPng(60, 40))));
        Assert.Equal(200, rejected.Status);
        Assert.NotNull(rejected.Find("#Input_Phone-error:not(:empty)"));
        Assert.Equal("12345678", rejected.Find("#Input_AccountNumber")!.GetAttribute("value"));
        var attached = rejected.FindAll(".attached-screenshots li");
        Assert.Equal(2, attached.Count);
        Assert.Matches(@"^添付済み：出金エラー\.png（\d+ B）$", attached[0].QuerySelector(".attached-name")!.TextContent.Trim());
        Assert.Contains("二枚目.png", attached[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, rejected.FindAll("#hc-request-form input[type=hidden][name='Input.PendingScreenshots']").Count);
        Assert.Equal("取り除く", attached[1].QuerySelector("label.checkbox")!.TextContent.Trim());

        // Still wrong: the attachments stay on the form, however often it comes back.
        var again = await HtmlPage.ParseAsync(await PostFormAsync(client, rejected, fields));
        Assert.Equal(2, again.FindAll(".attached-screenshots li").Count);

        // Corrected, with the second image ticked for removal: the request carries the first one only.
        fields["Input.Phone"] = "090-1234-5678";
        fields["Input.RemoveScreenshots"] = again.FindAll("#hc-request-form input[name='Input.PendingScreenshots']")[1].GetAttribute("value")!;
        var created = await PostFormAsync(client, again, fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
        var request = await db.Requests.SingleAsync(r => r.Email == email);
        var shot = Assert.Single(request.Screenshots);
        Assert.Equal("出金エラー.png", shot.OriginalFileName);
        Assert.Equal(40, shot.Width);
        Assert.True(scope.ServiceProvider.GetRequiredService<ScreenshotStore>().Exists(shot.Id));

        var agent = await NewAgentAsync();
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{request.Reference}");
        var image = await agent.Http.GetAsync(new Uri(detail.Find(".screenshots img")!.GetAttribute("src")!, UriKind.Relative));
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The reference a re-shown form carries is this site's, for this visitor's form, for a while: a forged one or
    /// one copied from another visitor is refused with an error on the field, never attached.</summary>
    [Fact]
    public async Task AForgedOrAnotherVisitorsScreenshotReferenceIsRefused()
    {
        var owner = factory.CreateBrowserLikeClient();
        var ownerForm = await HtmlPage.GetAsync(owner, $"/contact/email?flow={Uri.EscapeDataString(await StartFlowAsync(owner))}");
        var rejected = await HtmlPage.ParseAsync(await PostFormAsync(owner, ownerForm, new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-address",
            ["Input.Description"] = "画面が真っ白になります",
        }, ("mine.png", SmallPng())));
        var token = rejected.Find("#hc-request-form input[name='Input.PendingScreenshots']")!.GetAttribute("value")!;

        var other = factory.CreateBrowserLikeClient();
        var otherForm = await HtmlPage.GetAsync(other, $"/contact/email?flow={Uri.EscapeDataString(await StartFlowAsync(other))}");
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        foreach (var (client, form, reference) in new[] { (other, otherForm, token), (owner, ownerForm, forged), (owner, ownerForm, "../../appsettings.json") })
        {
            var email = AccountClient.NewEmail();
            var page = await HtmlPage.ParseAsync(await PostFormAsync(client, form, new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Description"] = "画面が真っ白になります",
                ["Input.PendingScreenshots"] = reference,
            }));
            Assert.Equal(200, page.Status);
            Assert.Contains("確認できませんでした", page.Find("#hc-screenshots-error")!.TextContent, StringComparison.Ordinal);
            Assert.Empty(page.FindAll(".attached-screenshots li"));
            await using var scope = factory.Services.CreateAsyncScope();
            Assert.False(await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AnyAsync(r => r.Email == email));
        }
    }

    /// <summary>The request context names the customer's browser with the sign-in history's maintained parser (uap-core's
    /// rules), "Android の Chrome Mobile", not the hand-written "Chrome 131 · Android" nor the raw string.</summary>
    [Fact]
    public async Task OperatorsReadTheCustomersBrowserAsChromeOnAndroid()
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.104 Mobile Safari/537.36");
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(await StartFlowAsync(client))}");
        var email = AccountClient.NewEmail();
        var created = await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Description"] = "アプリが落ちます" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var reference = (await HtmlPage.GetAsync(client, created.Headers.Location!.OriginalString)).Find("h1 code")!.TextContent;

        var agent = await NewAgentAsync();
        var detail = await HtmlPage.GetAsync(agent.Http, $"/agent/requests/{reference}");
        var browser = detail.Find(".facts dd.user-agent")!;
        Assert.Equal("Android の Chrome Mobile", browser.TextContent.Trim());
        Assert.Contains("Pixel 8", browser.GetAttribute("title"), StringComparison.Ordinal);
    }

    /// <summary>Posts the form as a browser does (multipart, every hidden field, the given values, files).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, HtmlPage form, Dictionary<string, string> values, params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.FindAll("#hc-request-form input[type=hidden]").Where(h => !values.ContainsKey(h.GetAttribute("name")!)))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(file, "Screenshots", name);
        }

        return await client.PostAsync(form.Response.RequestMessage!.RequestUri, content);
    }

    private static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, HtmlPage form, string email, params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.FindAll("#hc-request-form input[type=hidden]"))
        {
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        }

        content.Add(new StringContent(email), "Input.Email");
        content.Add(new StringContent("画面が真っ白になります"), "Input.Description");
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            content.Add(file, "Screenshots", name);
        }

        return await client.PostAsync(form.Response.RequestMessage!.RequestUri, content);
    }

    private static byte[] SmallPng(int width = 40, int height = 30)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(SkiaSharp.SKColors.White);
        using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
        return image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>Issue 14, item 12: after Back, a second request from the same flow was stored but never mailed, while the
    /// page said "we sent a confirmation email". Each new request is mailed; a repeated submission is not mailed twice.</summary>
    [Fact]
    public async Task SecondRequestFromTheSameFlowIsMailedTooAndARetryIsNotMailedAgain()
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await StartFlowAsync(client);
        await client.GetAsync(new Uri($"/contact?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString("入金が反映されません")}", UriKind.Relative));
        var email = AccountClient.NewEmail();
        var references = new List<string>();
        foreach (var description in new[] { "入金が反映されません", "入金が反映されません（追記：振込名義を間違えました）" })
        {
            var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
            var values = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Description"] = description };
            var created = await form.SubmitAsync(client, "#hc-request-form", values);
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var retried = await form.SubmitAsync(client, "#hc-request-form", values);
            Assert.Equal(created.Headers.Location!.OriginalString.Split('?')[0], retried.Headers.Location!.OriginalString.Split('?')[0]);
            var page = await HtmlPage.GetAsync(client, created.Headers.Location.OriginalString);
            Assert.Contains("確認メールをお送りしました", page.Find("main")!.TextContent, StringComparison.Ordinal);
            references.Add(page.Find("h1 code")!.TextContent);
        }

        Assert.NotEqual(references[0], references[1]);
        foreach (var reference in references)
        {
            await factory.Smtp.WaitForMailAsync(email, reference);
        }

        await Task.Delay(700);
        Assert.Equal(2, factory.Smtp.Received(email).Count);

        // Item 14: the operators' inbox shows each question's first line (not the topic as a subject) and flags a
        // customer with several open requests.
        var agent = await NewAgentAsync();
        var rows = new List<AngleSharp.Dom.IElement>();
        for (var page = 1; page <= 30 && rows.Count < 2; page++)
        {
            var inbox = await HtmlPage.GetAsync(agent.Http, $"/agent?page={page}");
            rows.AddRange(inbox.FindAll("tbody tr").Where(r => references.Any(reference => r.TextContent.Contains(reference, StringComparison.Ordinal))));
        }

        Assert.Equal(2, rows.Count);
        Assert.Equal("入金が反映されません", rows[0].QuerySelector("td.question")!.TextContent.Trim());
        Assert.StartsWith("入金が反映されません（追記", rows[1].QuerySelector("td.question")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("未解決 2件", r.QuerySelector(".several-open")!.TextContent.Trim()));
    }

    /// <summary>An operator of this test's own, signed in (each authenticator code is good once per account).</summary>
    private async Task<AccountClient> NewAgentAsync()
    {
        var agent = new AccountClient(factory);
        await agent.LoginAsync(await DevelopmentAccounts.NewStaffAsync(factory.Services, Roles.Agent), MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        return agent;
    }

    private static async Task<string> StartFlowAsync(HttpClient client, string? from = null)
    {
        var page = await HtmlPage.GetAsync(client, from is null ? "/contact" : "/contact?from=" + Uri.EscapeDataString(from));
        Assert.Equal(200, page.Status);
        return page.Find("#hc-contact-form")!.GetAttribute("data-flow")!;
    }
}
