using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpCenter.Localization;

public static class LocalizationExtensions
{
    public static WebApplicationBuilder AddSiteLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, CachedStringLocalizerFactory>());
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.All.Select(code => new CultureInfo(Languages.ToCultureName(code))).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.ToCultureName(Languages.Default));
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new RouteLanguageCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageCultureProvider(),
            ];
        });
        return builder;
    }

    /// <summary>Stores the visitor's language choice for a year.</summary>
    public static void RememberLanguage(this HttpResponse response, string code, bool secure) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Languages.ToCultureName(code))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Lax });

    /// <summary>Dates as readers of each language write them.</summary>
    public static string FormatDate(DateOnly date, string language) => language switch
    {
        "en" => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture),
        _ => date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
    };
}
