using System.Net;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Hosting;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Finding 1: mail links built from the Host header let an attacker receive a victim's reset code.</summary>
public sealed class MailLinkTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task ResetLinkIgnoresAForgedHostHeader()
    {
        var email = AccountClient.NewEmail();
        var victim = new AccountClient(factory);
        await victim.RegisterAndConfirmAsync(email, "correct horse battery");

        // The attacker asks for the victim's reset link while naming their own host.
        var attacker = new AccountClient(factory);
        var form = await HtmlPage.GetAsync(attacker.Http, "/account/forgot-password");
        var forged = await SubmitWithHostAsync(attacker.Http, form, "help.evil.example", new Dictionary<string, string> { ["Input.Email"] = email });

        // A host the site does not serve is refused outright, and no mail leaves.
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await Task.Delay(500);
        Assert.DoesNotContain(factory.Smtp.Received(email), m => (m.Subject ?? "").Contains("パスワードの再設定", StringComparison.Ordinal));

        // Through the real host the link names the configured public address, never the request's.
        var honest = await SubmitWithHostAsync(attacker.Http, form, "localhost", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.Redirect, honest.StatusCode);
        var mail = await factory.Smtp.WaitForMailAsync(email, "パスワードの再設定");
        Assert.StartsWith("http://localhost/account/reset-password?", SmtpServer.LinkIn(mail, "http"), StringComparison.Ordinal);
        Assert.DoesNotContain("evil", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiteRefusesToStartWithoutAPublicBaseUrl()
    {
        await using var production = new NoPublicBaseUrlFactory();
        var error = Assert.ThrowsAny<Exception>(() => production.Server);
        Assert.Contains("HelpCenter:Mail:PublicBaseUrl", Flatten(error), StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> SubmitWithHostAsync(HttpClient client, HtmlPage page, string host, IDictionary<string, string> values)
    {
        var form = page.Find("main form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(values);
        using var request = new HttpRequestMessage(HttpMethod.Post, page.Response.RequestMessage!.RequestUri!.PathAndQuery) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    internal static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    /// <summary>A production host configured as the attack run found it: no public base URL.</summary>
    private sealed class NoPublicBaseUrlFactory : HelpCenterFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("HelpCenter:Mail:PublicBaseUrl", "");
        }
    }
}
