using HelpCenter.IntegrationTests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpCenter.BrowserTests;

/// <summary>
/// The real app on a real port (Kestrel) and Debian's Chromium driven by Playwright. Set HELPCENTER_CHROMIUM
/// to use another Chromium binary.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;

    /// <summary>The app, sending mail to a real SMTP server on loopback, with the development accounts seeded.</summary>
    public IntegrationTests.Mail.MailFactory Factory { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder => Path.Combine(Repository.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Factory.UseKestrel(0);
        Factory.StartServer();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal)).Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HELPCENTER_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumFlags,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh browser profile (no cookies) whose browser asks for <paramref name="locale"/>.</summary>
    public async Task<IPage> NewPageAsync(string locale = "ja-JP", int width = 1280, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    /// <summary>The app under the name <c>localhost</c>: WebAuthn refuses IP addresses as relying-party ids.</summary>
    public string LocalhostUrl => BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    /// <summary>Signs a seeded staff account in through the login and two-step pages (the development key's code).</summary>
    public static async Task SignInAsStaffAsync(IPage page, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード", new() { Exact = true }).FillAsync(HelpCenter.Accounts.AccountSeeder.DevelopmentPassword);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        // Each code is good once per account: one browser collection, one site, so the fixture type names the site.
        var code = await TotpCodes.NextAsync(nameof(BrowserFixture), HelpCenter.Accounts.AccountSeeder.DevelopmentAuthenticatorKey, email);
        await page.GetByLabel("認証コード（6桁）").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "確認する" }).ClickAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await ((IAsyncLifetime)Factory).DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
