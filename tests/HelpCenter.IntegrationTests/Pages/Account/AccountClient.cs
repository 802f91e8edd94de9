using System.Net;
using HelpCenter.IntegrationTests.Mail;

namespace HelpCenter.IntegrationTests.Pages.Account;

/// <summary>
/// A customer's browser session against the account pages (a page object): each method submits a form as a person
/// would and returns where the site sent them.
/// </summary>
public sealed class AccountClient
{
    private readonly MailFactory? _factory;
    private readonly Func<System.Net.CookieContainer, HttpClient> _createHttp;
    private readonly string _codesFolder;
    private HttpClient? _http;

    public AccountClient(MailFactory factory, string acceptLanguage = "ja")
        : this(cookies => factory.CreateBrowserLikeClient(acceptLanguage, cookies), factory.DataPath)
    {
        _factory = factory;
    }

    /// <summary>Against any server (an app process on a real port): <paramref name="createHttp"/> makes the browser's
    /// client with the given cookies; <paramref name="codesFolder"/> keeps track of the authenticator codes used.</summary>
    public AccountClient(Func<System.Net.CookieContainer, HttpClient> createHttp, string codesFolder)
    {
        _createHttp = createHttp;
        _codesFolder = codesFolder;
    }

    public System.Net.CookieContainer Cookies { get; } = new();

    public HttpClient Http => _http ??= _createHttp(Cookies);

    public static string NewEmail() => $"u{Guid.NewGuid():N}"[..13] + "@example.com";

    /// <summary>Registers, then opens the confirmation link from the mail the SMTP server received.</summary>
    public async Task RegisterAndConfirmAsync(string email, string password)
    {
        var response = await RegisterAsync(email, password);
        Assert.Equal("/account/check-email", response.Headers.Location?.OriginalString);
        var mail = await (_factory ?? throw new InvalidOperationException("Needs the test host's SMTP server.")).Smtp.WaitForMailAsync(email);
        var link = SmtpServer.LinkIn(mail, "http://localhost/account/confirm-email");
        var confirmed = await HtmlPage.GetAsync(Http, link["http://localhost".Length..]);
        Assert.NotNull(confirmed.Find("p.success"));
    }

    public async Task<HttpResponseMessage> RegisterAsync(string email, string password)
    {
        var page = await HtmlPage.GetAsync(Http, "/account/register");
        return await page.SubmitAsync(Http, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password)
    {
        var page = await HtmlPage.GetAsync(Http, "/account/login");
        return await page.SubmitAsync(Http, "main form", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
    }

    /// <summary>Signs in with the password and, when the site asks, a code computed from the authenticator key.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string email, string password, string authenticatorKey)
    {
        var first = await LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login-2fa", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await HtmlPage.GetAsync(Http, first.Headers.Location.OriginalString);
        return await page.SubmitAsync(Http, "main form", new Dictionary<string, string> { ["Input.Code"] = await CodeAsync(authenticatorKey, email) });
    }

    /// <summary>Turns on two-step verification from the manage pages; returns the key and the recovery codes shown.</summary>
    public async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAuthenticatorAsync()
    {
        var page = await HtmlPage.GetAsync(Http, "/account/manage/enable-authenticator");
        Assert.Equal(200, page.Status);
        var key = page.Find("[data-testid=shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var qr = await Http.GetAsync(new Uri("/account/manage/enable-authenticator/qr", UriKind.Relative));
        Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
        var done = await page.SubmitAsync(Http, "main form", new Dictionary<string, string> { ["Input.Code"] = await CodeAsync(key) });
        Assert.Equal("/account/manage/recovery-codes", done.Headers.Location?.OriginalString);
        var codes = await HtmlPage.GetAsync(Http, "/account/manage/recovery-codes");
        return (key, codes.FindAll(".recovery-codes code").Select(c => c.TextContent).ToList());
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, string formSelector, IDictionary<string, string> values)
    {
        var page = await HtmlPage.GetAsync(Http, url);
        return await page.SubmitAsync(Http, formSelector, values);
    }

    /// <summary>A code the site will take for this account (each code is good once: see <see cref="TotpCodes"/>). The
    /// development key is shared by the seeded staff, so it identifies an account only together with its address.</summary>
    public Task<string> CodeAsync(string key, string? email = null) =>
        key == HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey
            ? TotpCodes.NextAsync(_codesFolder, key, email ?? throw new ArgumentNullException(nameof(email)))
            : TotpCodes.NextAsync(_codesFolder, key, [key, .. email is null ? Array.Empty<string>() : [email]]);
}
