using System.Net;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;

namespace HelpCenter.IntegrationTests.Pages.Editor;

/// <summary>An editor's browser session in the console (a page object): each method fills a form as a person would.</summary>
public sealed class EditorClient(AccountClient account)
{
    private readonly AccountClient _account = account;

    public EditorClient(MailFactory factory)
        : this(new AccountClient(factory))
    {
    }

    public HttpClient Http => _account.Http;

    /// <summary>Signs in with password and code; returns where the site sent the editor.</summary>
    public async Task<string> SignInAsync(string email = "editor@example.com")
    {
        var response = await _account.LoginAsync(email, MailFactory.DevelopmentPassword, AccountSeeder.DevelopmentAuthenticatorKey);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Creates a draft through /editor/articles/new; returns its id.</summary>
    public async Task<int> CreateAsync(string slug, string title, string body, string category = "trading", string language = "ja")
    {
        var page = await HtmlPage.GetAsync(Http, "/editor/articles/new?lang=" + language);
        var response = await page.SubmitAsync(Http, "#hc-article-form", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Slug"] = slug,
            ["Input.Language"] = language,
            ["Input.Category"] = category,
            ["Input.Tags"] = "テスト",
            ["Input.Summary"] = title + "の概要",
            ["Input.Order"] = "1",
            ["Input.Faq"] = "false",
            ["Input.Body"] = body,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<HtmlPage> EditPageAsync(int id) => HtmlPage.GetAsync(Http, $"/editor/articles/{id}");

    /// <summary>Saves the article form of <paramref name="page"/> (as loaded earlier) with a new body.</summary>
    public async Task<HtmlPage> SaveAsync(HtmlPage page, string body, string? note = null)
    {
        var values = page.FindAll("#hc-article-form input[type=text], #hc-article-form input[type=number], #hc-article-form select")
            .Where(e => e.GetAttribute("name") is not null)
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName == "select"
                ? e.QuerySelector("option[selected]")?.GetAttribute("value") ?? e.QuerySelector("option")?.GetAttribute("value") ?? ""
                : e.GetAttribute("value") ?? "");
        values["Input.Body"] = body;
        values["Input.Note"] = note ?? "";
        values["Input.Faq"] = "false";
        return await FollowAsync(await page.SubmitAsync(Http, "#hc-article-form", values));
    }

    /// <summary>Presses a publishing step's button (Publish, Submit, Approve, Unpublish) on the article's page.</summary>
    public async Task<HtmlPage> StepAsync(int id, string handler, string? date = null, string? time = null)
    {
        var page = await EditPageAsync(id);
        var values = new Dictionary<string, string>();
        if (date is not null)
        {
            values["Step.Date"] = date;
            values["Step.Time"] = time ?? "";
        }

        return await FollowAsync(await page.SubmitAsync(Http, $"form[action$='handler={handler}']", values));
    }

    public async Task<HtmlPage> FollowAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode == HttpStatusCode.Redirect
            ? await HtmlPage.GetAsync(Http, response.Headers.Location!.OriginalString)
            : await HtmlPage.ParseAsync(response);
    }
}
