using System.Net;
using HelpCenter.Accounts;
using HelpCenter.IntegrationTests.Mail;
using HelpCenter.IntegrationTests.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Finding 3: passkeys added without re-authentication or notice, outliving every way out, standing in for
/// password and code.</summary>
public sealed class PasskeyTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task AddingAPasskeyToAnOpenSessionNeedsThePasswordAgainAndTellsTheOwner()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var page = await HtmlPage.GetAsync(customer.Http, "/account/manage/passkeys");

        // Someone at the open session asks for creation options: without the password, none.
        foreach (var password in new[] { "", "not the password" })
        {
            var refused = await PostAsync(customer.Http, page, "#hc-passkey-create", "/account/manage/passkeys?handler=CreationOptions",
                new() { ["Reauth.Password"] = password });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.Redirect, (await AddPasskeyAsync(customer, authenticator, SecurityKit.Password)).StatusCode);
        Assert.Single(await PasskeysAsync(email));
        var notice = await factory.Smtp.WaitForMailAsync(email, "パスキー");
        Assert.Contains("http://localhost/account/security/report", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewRecoveryCodesNeedThePasswordAndACodeAgain()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        var (key, _) = await customer.EnableAuthenticatorAsync();
        var page = await HtmlPage.GetAsync(customer.Http, "/account/manage/two-factor");

        var refused = await page.SubmitAsync(customer.Http, "form[action*=RecoveryCodes]", new Dictionary<string, string>());
        Assert.NotEqual("/account/manage/recovery-codes", refused.Headers.Location?.OriginalString);
        var wrong = await page.SubmitAsync(customer.Http, "form[action*=RecoveryCodes]", new Dictionary<string, string>
        {
            ["Recovery.Password"] = "not the password",
            ["Recovery.Code"] = "000000",
        });
        Assert.NotEqual("/account/manage/recovery-codes", wrong.Headers.Location?.OriginalString);

        var accepted = await page.SubmitAsync(customer.Http, "form[action*=RecoveryCodes]", new Dictionary<string, string>
        {
            ["Recovery.Password"] = SecurityKit.Password,
            ["Recovery.Code"] = await customer.CodeAsync(key, email),
        });
        Assert.Equal("/account/manage/recovery-codes", accepted.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOutEverywhereCanRemoveEveryPasskey()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        using var authenticator = new SoftwareAuthenticator();
        await AddPasskeyAsync(customer, authenticator, SecurityKit.Password);
        Assert.Single(await PasskeysAsync(email));

        await customer.PostFormAsync("/account/manage/history", "form[action*=SignOutEverywhere]", new Dictionary<string, string> { ["removePasskeys"] = "true" });

        Assert.Empty(await PasskeysAsync(email));
        Assert.NotEqual(HttpStatusCode.Redirect, (await SignInWithPasskeyAsync(new AccountClient(factory), authenticator)).StatusCode);
    }

    [Fact]
    public async Task FreezingTheAccountCanRemoveEveryPasskey()
    {
        var (customer, email) = await SecurityKit.NewCustomerAsync(factory);
        using var authenticator = new SoftwareAuthenticator();
        await AddPasskeyAsync(customer, authenticator, SecurityKit.Password);

        var reported = await customer.PostFormAsync("/account/security/report?kind=takeover", "main form", new Dictionary<string, string>
        {
            ["Input.Password"] = SecurityKit.Password,
            ["Input.Confirm"] = "true",
            ["Input.RemovePasskeys"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        Assert.Empty(await PasskeysAsync(email));
    }

    [Fact]
    public async Task StaffPasskeyThatNeverVerifiedTheUserIsNotASecondFactor()
    {
        // An operator's passkey registered without user verification (a bare security key): possession only.
        var agent = await Chat.ChatTestKit.NewOperatorAsync(factory, "鈴木");
        var email = await EmailOfAsync(agent);
        using var authenticator = new SoftwareAuthenticator();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var passkey = new UserPasskeyInfo(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(authenticator.CredentialId), authenticator.CosePublicKey,
                DateTimeOffset.UtcNow, 0, ["usb"], isUserVerified: false, isBackupEligible: false, isBackedUp: false, attestationObject: [], clientDataJson: []) { Name = "security key" };
            Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        }

        var thief = new AccountClient(factory);
        var signedIn = await SignInWithPasskeyAsync(thief, authenticator, userHandle: System.Text.Encoding.UTF8.GetBytes(await UserIdAsync(email)));

        // The passkey gets as far as a password would: the authenticator code is still asked for.
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.StartsWith("/account/login-2fa", signedIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var inbox = await thief.Http.GetAsync(new Uri("/agent", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, inbox.StatusCode);
        Assert.StartsWith("/account/login", inbox.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> AddPasskeyAsync(AccountClient customer, SoftwareAuthenticator authenticator, string password)
    {
        var page = await HtmlPage.GetAsync(customer.Http, "/account/manage/passkeys");
        var options = await PostAsync(customer.Http, page, "#hc-passkey-create", "/account/manage/passkeys?handler=CreationOptions", new() { ["Reauth.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var credential = authenticator.Create(await options.Content.ReadAsStringAsync());
        return await PostAsync(customer.Http, page, "#hc-passkey-create", "/account/manage/passkeys?handler=Add", new()
        {
            ["Input.Name"] = "ノートPC",
            ["Input.CredentialJson"] = credential,
            ["Reauth.Password"] = password,
        });
    }

    private static async Task<HttpResponseMessage> SignInWithPasskeyAsync(AccountClient client, SoftwareAuthenticator authenticator, byte[]? userHandle = null)
    {
        var page = await HtmlPage.GetAsync(client.Http, "/account/login");
        var options = await PostAsync(client.Http, page, "#hc-passkey-signin", "/account/login?handler=PasskeyOptions", new());
        var assertion = authenticator.Get(await options.Content.ReadAsStringAsync(), userVerified: true, userHandle);
        return await PostAsync(client.Http, page, "#hc-passkey-signin", "/account/login?handler=Passkey", new() { ["credentialJson"] = assertion });
    }

    /// <summary>A POST as passkeys.js sends it: the form's fields, and the Origin header a browser adds.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, HtmlPage page, string form, string url, Dictionary<string, string> values)
    {
        var fields = page.Find(form)!.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Where(kv => !values.ContainsKey(kv.Key))
            .Concat(values);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", "http://localhost");
        return await client.SendAsync(request);
    }

    private async Task<IList<UserPasskeyInfo>> PasskeysAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetPasskeysAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!.Id;
    }

    private static async Task<string> EmailOfAsync(AccountClient client)
    {
        var page = await HtmlPage.GetAsync(client.Http, "/account/manage/email");
        return page.Find("main strong")!.TextContent.Trim();
    }
}
