using System.Net;
using HelpCenter.Infrastructure.Data;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Finding 14: addresses that pass a lenient check but not the mail library stored a request, then crashed.</summary>
public sealed class AddressValidationTests(MailFactory factory) : IClassFixture<MailFactory>
{
    public static readonly TheoryData<string> Unmailable = new() { "x y@example.com", "a,b@example.com", "grp:a@example.com;", "\"Eve\" <eve@example.com>" };

    [Theory]
    [MemberData(nameof(Unmailable))]
    public async Task ContactRequestWithAnAddressMailCannotCarryIsRefusedAndKeepsWhatWasTyped(string address)
    {
        var client = factory.CreateBrowserLikeClient();
        var flow = await SecurityKit.StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
        var description = "入金が反映されません " + Guid.NewGuid().ToString("N");
        var page = await HtmlPage.ParseAsync(await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = address,
            ["Input.Description"] = description,
        }));

        Assert.Equal(200, page.Status);
        Assert.NotNull(page.Find("#Input_Email-error"));
        Assert.Equal(address, page.Find("#Input_Email")!.GetAttribute("value"));
        Assert.Equal(description, page.Find("#Input_Description")!.TextContent.Trim());
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Requests.AnyAsync(r => r.Description == description));
    }

    [Theory]
    [MemberData(nameof(Unmailable))]
    public async Task EveryOtherFormThatTakesAnAddressRefusesItTheSameWay(string address)
    {
        var client = factory.CreateBrowserLikeClient();
        var forms = new (string Url, string Form, string Field, Dictionary<string, string> Values)[]
        {
            ("/account/register", "main form", "Input.Email", new() { ["Input.Email"] = address, ["Input.Password"] = SecurityKit.Password, ["Input.ConfirmPassword"] = SecurityKit.Password }),
            ("/account/login", "main form", "Input.Email", new() { ["Input.Email"] = address, ["Input.Password"] = SecurityKit.Password }),
            ("/account/forgot-password", "main form", "Input.Email", new() { ["Input.Email"] = address }),
            ("/account/resend-confirmation", "main form", "Input.Email", new() { ["Input.Email"] = address }),
        };
        foreach (var (url, selector, field, values) in forms)
        {
            var form = await HtmlPage.GetAsync(client, url);
            var page = await HtmlPage.ParseAsync(await form.SubmitAsync(client, selector, values));
            Assert.True(page.Status == 200, $"{url} answered {page.Status}");
            Assert.True(page.Find($"#{field.Replace('.', '_')}-error") is not null, $"{url} accepted {address}");
        }

        // The chat's "continue by email" form too.
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, "メールで続けたい");
        var cookies = new CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        var browser = factory.CreateBrowserLikeClient("ja", cookies);
        var chat = await HtmlPage.GetAsync(browser, $"/chat/{reference}");
        var moved = await HtmlPage.ParseAsync(await chat.SubmitAsync(browser, "form[action*=Email]", new Dictionary<string, string> { ["Continue.Email"] = address }));
        Assert.Equal(200, moved.Status);
        Assert.NotNull(moved.Find("#Continue_Email-error"));
        Assert.Equal(HelpCenter.Requests.RequestChannel.Chat, (await SecurityKit.RequestAsync(factory, reference)).Channel);
    }

    [Fact]
    public async Task MailServerDownAfterTheRequestIsStoredStillShowsTheReference()
    {
        await using var down = new MailServerDownFactory();
        var client = down.CreateBrowserLikeClient();
        var flow = await SecurityKit.StartFlowAsync(client);
        var form = await HtmlPage.GetAsync(client, $"/contact/email?flow={Uri.EscapeDataString(flow)}");
        var response = await form.SubmitAsync(client, "#hc-request-form", new Dictionary<string, string>
        {
            ["Input.Email"] = "customer@example.com",
            ["Input.Description"] = "メールサーバーが止まっていても",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await HtmlPage.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(200, page.Status);
        Assert.Matches(@"^HC-\d{8}-\d{4}$", page.Find("h1 code")!.TextContent);

        // The page says the truth: the request is stored, the confirmation mail did not go out.
        Assert.Contains("送信できませんでした", page.Find("main [role=status]")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An SMTP server that is not there: nothing listens on the port.</summary>
    private sealed class MailServerDownFactory : HelpCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:Mail:SmtpHost"] = "127.0.0.1",
            ["HelpCenter:Mail:SmtpPort"] = ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HelpCenter:Mail:Security"] = "None",
        };

        private static int ClosedPort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
