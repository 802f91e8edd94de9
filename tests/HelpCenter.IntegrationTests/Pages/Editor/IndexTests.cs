using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;

namespace HelpCenter.IntegrationTests.Pages.Editor;

public sealed class IndexTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task EditorLandsOnTheConsoleAfterSigningIn()
    {
        var editor = new EditorClient(factory);
        Assert.Equal("/editor", await editor.SignInAsync());
    }

    [Fact]
    public async Task ListShowsEachLanguagesArticlesWithStatusAndFilters()
    {
        // An editor of its own: the seeded one signs in in the other tests, and each authenticator code is good once.
        var email = await DevelopmentAccounts.NewStaffAsync(factory.Services, Roles.Editor);
        var editor = new EditorClient(factory);
        await editor.SignInAsync(email);
        var id = await editor.CreateAsync("list-draft-article", "一覧に出る下書き", "下書きの本文です。");

        var list = await HtmlPage.GetAsync(editor.Http, "/editor?lang=ja");
        Assert.Equal(200, list.Status);
        var row = list.FindAll("tbody tr").Single(r => r.TextContent.Contains("一覧に出る下書き", StringComparison.Ordinal));
        Assert.Equal("下書き", row.QuerySelector(".status-badge")!.TextContent);
        Assert.Contains(email, row.TextContent, StringComparison.Ordinal);
        Assert.Contains(list.FindAll("tbody tr"), r => r.TextContent.Contains("フィッシング", StringComparison.Ordinal) && r.QuerySelector(".status-badge")!.TextContent == "公開中");

        var drafts = await HtmlPage.GetAsync(editor.Http, "/editor?lang=ja&status=Draft");
        Assert.All(drafts.FindAll("tbody tr .status-badge"), b => Assert.Equal("下書き", b.TextContent));
        Assert.Contains(drafts.FindAll("tbody a"), a => a.GetAttribute("href") == $"/editor/articles/{id}");

        var searched = await HtmlPage.GetAsync(editor.Http, "/editor?lang=en&q=password");
        Assert.NotEmpty(searched.FindAll("tbody tr"));
        Assert.All(searched.FindAll("tbody tr td:first-child"), td => Assert.Equal("en", td.GetAttribute("lang")));
    }

    [Fact]
    public async Task TranslationIsFlaggedOutOfDateWhenTheOriginalChangesAfterIt()
    {
        var editor = new EditorClient(factory);
        await editor.SignInAsync();
        var list = await HtmlPage.GetAsync(editor.Http, "/editor?lang=ja&q=password-reset");
        var link = list.FindAll("tbody a").First(a => a.NextElementSibling?.TextContent == "password-reset").GetAttribute("href")!;
        var id = int.Parse(link.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await HtmlPage.GetAsync(editor.Http, "/editor?lang=en&flag=stale&q=password-reset")).FindAll("tbody tr"));

        var page = await editor.EditPageAsync(id);
        await editor.SaveAsync(page, page.Find("#Input_Body")!.TextContent + "\n追記しました。\n");

        var stale = await HtmlPage.GetAsync(editor.Http, "/editor?lang=en&flag=stale&q=password-reset");
        Assert.Single(stale.FindAll("tbody tr"));
        var translations = await HtmlPage.GetAsync(editor.Http, $"/editor/articles/{id}/translations");
        Assert.Equal(3, translations.FindAll(".translation-columns > section").Count);
        Assert.Equal(2, translations.FindAll(".translation-columns .badge-warning").Count);
    }
}
