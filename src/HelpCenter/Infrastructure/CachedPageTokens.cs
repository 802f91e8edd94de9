using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Lets a cached page carry forms. While a page that may be cached is rendered, the antiforgery token written into
/// its forms is a fixed placeholder (<see cref="PlaceholderAntiforgery"/>), so the cached bytes are the same for every
/// visitor; on the way out, every response (cache hit or not) gets a fresh token of its own visitor in place of the
/// placeholder. The response also gets an ETag of the cached bytes: a browser holding the page gets a 304.
/// </summary>
public sealed class CachedPageTokens(RequestDelegate next)
{
    public const string Placeholder = "hc-antiforgery-placeholder";
    private static readonly object RenderingForCache = new();
    private static readonly byte[] PlaceholderBytes = Encoding.UTF8.GetBytes(Placeholder);

    public static bool IsRenderingForCache(HttpContext context) => context.Items.ContainsKey(RenderingForCache);

    public async Task InvokeAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!UsesPublicPageCache(context) || !PublicPageCache.IsCacheable(context.Request))
        {
            await next(context);
            return;
        }

        context.Items[RenderingForCache] = true;
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var bytes = buffer.ToArray();
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            // An empty 404 stays unstarted, so that the status code pages can still show theirs.
            if (bytes.Length > 0)
            {
                await original.WriteAsync(bytes, context.RequestAborted);
            }

            return;
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            context.Response.ContentLength = null;
            return;
        }

        context.Items.Remove(RenderingForCache);
        var page = Fill(bytes, antiforgery.GetAndStoreTokens(context).RequestToken!);

        // The token makes each response unique, but an old copy stays valid with its own cookie: revalidate, don't refuse.
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.Pragma = default;
        context.Response.ContentLength = page.Length;
        await original.WriteAsync(page, context.RequestAborted);
    }

    private static bool UsesPublicPageCache(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>()?.PolicyName == PublicPageCache.Policy;

    private static byte[] Fill(byte[] page, string token)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        var output = new MemoryStream(page.Length + 256);
        var rest = page.AsSpan();
        int at;
        while ((at = rest.IndexOf(PlaceholderBytes)) >= 0)
        {
            output.Write(rest[..at]);
            output.Write(tokenBytes);
            rest = rest[(at + PlaceholderBytes.Length)..];
        }

        output.Write(rest);
        return output.ToArray();
    }
}

/// <summary>
/// The site's <see cref="IAntiforgery"/>: ASP.NET Core's own, except that while a page is rendered for the output cache
/// it hands out the placeholder and stores nothing (no cookie, no "no-store"): <see cref="CachedPageTokens"/> puts the
/// visitor's real token in. Validation is always the real one.
/// </summary>
public sealed class PlaceholderAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        CachedPageTokens.IsRenderingForCache(httpContext) ? Placeholders() : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        CachedPageTokens.IsRenderingForCache(httpContext) ? Placeholders() : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    private AntiforgeryTokenSet Placeholders() =>
        new(CachedPageTokens.Placeholder, null, options.Value.FormFieldName, options.Value.HeaderName);

    /// <summary>Wraps the registered antiforgery service (call after AddRazorPages).</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(registered);
        services.AddSingleton<IAntiforgery>(provider => new PlaceholderAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
            provider.GetRequiredService<IOptions<AntiforgeryOptions>>()));
    }
}
