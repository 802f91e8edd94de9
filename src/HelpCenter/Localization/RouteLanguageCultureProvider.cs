using Microsoft.AspNetCore.Localization;

namespace HelpCenter.Localization;

/// <summary>
/// Content URLs start with the language (<c>/en/articles/...</c>): such a page is shown entirely in that
/// language, so a shared link looks the same for everyone. Other pages follow the cookie, then Accept-Language.
/// </summary>
public sealed class RouteLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var code = httpContext.GetRouteValue("lang") as string;
        return Task.FromResult(Languages.IsSupported(code)
            ? new ProviderCultureResult(Languages.ToCultureName(code!))
            : null);
    }
}
