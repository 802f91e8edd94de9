using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace HelpCenter.Localization;

/// <summary>
/// The browser's languages (Accept-Language), best first, mapped to the site's three: Japanese, Chinese of any script
/// (zh-TW and zh-HK readers get the Simplified articles, with a note), and English for every other language (ko, fr...).
/// ASP.NET Core's own provider only accepts the supported cultures themselves, so zh-TW and fr fell back to Japanese.
/// </summary>
public sealed class AcceptLanguageCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return Task.FromResult(Preferred(httpContext.Request) is { } culture
            ? new ProviderCultureResult(Languages.ToCultureName(Languages.FromCulture(culture)))
            : null);
    }

    /// <summary>True when the browser's first language is Chinese in Traditional characters.</summary>
    public static bool PrefersTraditionalChinese(HttpRequest request) =>
        Preferred(request ?? throw new ArgumentNullException(nameof(request))) is { } culture && Languages.IsTraditionalChinese(culture);

    /// <summary>The browser's preferred known culture, or null when it names none.</summary>
    private static CultureInfo? Preferred(HttpRequest request)
    {
        var languages = request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in languages.Where(l => l.Quality is null or > 0).OrderByDescending(l => l.Quality ?? 1))
        {
            var name = language.Value.Value;
            if (string.IsNullOrEmpty(name) || name == "*")
            {
                continue;
            }

            try
            {
                var culture = CultureInfo.GetCultureInfo(name);
                if (culture.TwoLetterISOLanguageName is not ("iv" or ""))
                {
                    return culture;
                }
            }
            catch (CultureNotFoundException)
            {
                // An unknown tag (x-klingon): try the next one.
            }
        }

        return null;
    }
}
