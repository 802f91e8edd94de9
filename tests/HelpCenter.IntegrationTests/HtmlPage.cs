using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HelpCenter.IntegrationTests;

/// <summary>A fetched page, parsed as a browser would, with helpers to submit its forms.</summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpResponseMessage response, IHtmlDocument document, string html)
    {
        Response = response;
        Document = document;
        Html = html;
    }

    public HttpResponseMessage Response { get; }

    public IHtmlDocument Document { get; }

    public string Html { get; }

    public int Status => (int)Response.StatusCode;

    public string Title => Document.Title ?? "";

    public string Language => Document.DocumentElement.GetAttribute("lang") ?? "";

    public string Heading => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await ParseAsync(response);
    }

    /// <summary>Fetches the page and, as a browser does, the site's own images on it (the article-view beacon is one).</summary>
    public static async Task<HtmlPage> BrowseAsync(HttpClient client, string url)
    {
        var page = await GetAsync(client, url);
        foreach (var src in page.FindAll("img[src^='/']").Select(img => img.GetAttribute("src")!))
        {
            (await client.GetAsync(new Uri(src, UriKind.Relative))).EnsureSuccessStatusCode();
        }

        return page;
    }

    public static async Task<HtmlPage> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var document = await new HtmlParser().ParseDocumentAsync(html);
        return new HtmlPage(response, document, html);
    }

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IReadOnlyList<IElement> FindAll(string selector) => Document.QuerySelectorAll(selector).ToList();

    /// <summary>Submits the form matched by <paramref name="formSelector"/> with its hidden fields (antiforgery token included) plus <paramref name="values"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string formSelector, IDictionary<string, string> values, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(values);
        var form = (IHtmlFormElement)(Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}'"));
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Where(kv => !values.ContainsKey(kv.Key))
            .Concat(values);
        action ??= form.GetAttribute("action") is { Length: > 0 } a ? a : Response.RequestMessage!.RequestUri!.PathAndQuery;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }
}
