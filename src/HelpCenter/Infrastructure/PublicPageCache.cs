using Microsoft.AspNetCore.OutputCaching;

namespace HelpCenter.Infrastructure;

/// <summary>
/// Output caching for the anonymous public pages (home, category, article, FAQ), opted into with
/// <c>[OutputCache(PolicyName = PublicPageCache.Policy)]</c>. A response is cached and served from the cache only
/// when nothing in it can be personal: a GET or HEAD without a query string and without the cookies that make a page
/// someone's (account, "has voted" with the earlier votes shown, TempData messages, a sign-in in progress), answered
/// with 200 and without setting a cookie. The anonymous visitor id does not count: what it is used for (views for a
/// request's context) comes through the article page's beacon, not the page. Entries vary by UI language (home and FAQ take it from a cookie or Accept-Language) and by
/// whether the browser asks for Traditional Chinese (the Simplified note in the layout), and carry the <see cref="ContentTag"/>, evicted whenever the content changes.
/// </summary>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public const string Policy = "public-page";

    /// <summary>Tag of every cached page built from the content; evicted on each content reload.</summary>
    public const string ContentTag = "content";

    /// <summary>Cookies whose presence makes a page personal (hc_voted is FeedbackService.VotedCookie).</summary>
    private static readonly string[] PersonalCookies = ["hc_auth", "hc_voted", ".AspNetCore.Mvc.CookieTempDataProvider", "Identity.TwoFactorUserId"];

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static bool IsCacheable(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.QueryString.HasValue
            && request.Headers.Authorization.Count == 0
            && !PersonalCookies.Any(request.Cookies.ContainsKey);
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var cacheable = IsCacheable(context.HttpContext.Request);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.Tags.Add(ContentTag);
        context.CacheVaryByRules.VaryByValues["lang"] = Localization.Languages.Current;

        // A browser asking for Traditional Chinese gets the zh pages with a note that the content is Simplified.
        context.CacheVaryByRules.VaryByValues["zh-hant"] =
            Localization.AcceptLanguageCultureProvider.PrefersTraditionalChinese(context.HttpContext.Request) ? "1" : "0";
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
