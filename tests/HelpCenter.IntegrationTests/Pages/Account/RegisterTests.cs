using System.Net;
using HelpCenter.IntegrationTests.Mail;

namespace HelpCenter.IntegrationTests.Pages.Account;

public sealed class RegisterTests(MailFactory factory) : IClassFixture<MailFactory>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task RegistrationSendsAConfirmationMailInTheVisitorsLanguageAndTheLinkConfirms()
    {
        var email = AccountClient.NewEmail();
        var customer = new AccountClient(factory, "zh-CN");
        var response = await customer.RegisterAsync(email, Password);
        Assert.Equal("/account/check-email", response.Headers.Location?.OriginalString);

        var mail = await factory.Smtp.WaitForMailAsync(email);
        Assert.Contains("验证", mail.Subject, StringComparison.Ordinal);
        Assert.NotNull(mail.HtmlBody);
        var link = SmtpServer.LinkIn(mail, "http://localhost/account/confirm-email?");

        // Before confirming, the right password gets "confirm your address", not a session.
        var early = await HtmlPage.ParseAsync(await customer.LoginAsync(email, Password));
        Assert.Equal(200, early.Status);
        Assert.Contains("尚未验证", early.Find(".error")!.TextContent, StringComparison.Ordinal);

        var confirmed = await HtmlPage.GetAsync(customer.Http, link["http://localhost".Length..]);
        Assert.NotNull(confirmed.Find("p.success"));
        var signedIn = await customer.LoginAsync(email, Password);
        Assert.Equal("/account/manage", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(200, (await HtmlPage.GetAsync(customer.Http, "/account/manage")).Status);
    }

    [Fact]
    public async Task RegisteringAnExistingAddressLooksTheSameAndWarnsTheOwner()
    {
        var email = AccountClient.NewEmail();
        await new AccountClient(factory).RegisterAndConfirmAsync(email, Password);

        var again = await new AccountClient(factory).RegisterAsync(email, "another long passphrase");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/account/check-email", again.Headers.Location?.OriginalString);
        var warning = await factory.Smtp.WaitForMailAsync(email, "アカウント作成のお申し込み");
        Assert.Contains("http://localhost/account/forgot-password", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidRegistrationKeepsWhatWasTypedExceptPasswordsAndNamesTheField()
    {
        var customer = new AccountClient(factory);
        var page = await HtmlPage.GetAsync(customer.Http, "/account/register");
        var response = await page.SubmitAsync(customer.Http, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "not-an-address<script>",
            ["Input.DisplayName"] = "山田 太郎",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "different",
        });
        var result = await HtmlPage.ParseAsync(response);
        Assert.Equal(200, result.Status);
        Assert.Equal("not-an-address<script>", result.Find("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("山田 太郎", result.Find("#Input_DisplayName")!.GetAttribute("value"));
        Assert.Null(result.Find("#Input_Password")!.GetAttribute("value"));
        Assert.Equal("true", result.Find("#Input_Email")!.GetAttribute("aria-invalid"));
        Assert.Equal("パスワードが一致しません。", result.Find("#Input_ConfirmPassword-error")!.TextContent);
        Assert.DoesNotContain("<script>", result.Find("main")!.InnerHtml.Replace("&lt;script&gt;", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortPasswordIsRejectedInTheVisitorsLanguage()
    {
        var customer = new AccountClient(factory, "en");
        var result = await HtmlPage.ParseAsync(await customer.RegisterAsync(AccountClient.NewEmail(), "abcdefgh"));
        Assert.Equal(200, result.Status);
        Assert.Equal("The password must be at least 10 characters long.", result.Find("#Input_Password-error")!.TextContent);
    }
}
