using System.Net;

namespace HelpCenter.IntegrationTests.Infrastructure;

/// <summary>The data-protection keys live in the database: a token one instance made is accepted by another instance
/// sharing the database (on either provider), and refused by a site with another database.</summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task AntiforgeryTokenFromOneInstanceIsAcceptedByAnotherSharingTheDatabase()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-shared-" + Guid.NewGuid().ToString("N")[..10]);
        await using var a = new NodeFactory(dataPath);
        await using var b = new NodeFactory(dataPath);
        await using var elsewhere = new HelpCenterFactory();
        var cookies = new CookieContainer();

        var form = await HtmlPage.GetAsync(a.CreateBrowserLikeClient("ja", cookies), "/account/login");
        Assert.Equal(200, form.Status);
        var values = new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "wrong password 123" };

        // B never saw this token: it is valid there only because B reads the key A wrote to the shared database.
        var onB = await form.SubmitAsync(b.CreateBrowserLikeClient("ja", cookies), "form:not([hidden]):not([action])", values);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);

        var onOtherSite = await form.SubmitAsync(elsewhere.CreateBrowserLikeClient("ja", cookies), "form:not([hidden]):not([action])", values);
        Assert.Equal(HttpStatusCode.BadRequest, onOtherSite.StatusCode);
    }

    private sealed class NodeFactory(string dataPath) : HelpCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:DataPath"] = dataPath,
            ["HelpCenter:Search:IndexPath"] = Path.Combine(dataPath, "index-" + Guid.NewGuid().ToString("N")[..6]),
        };
    }
}
