using System.Globalization;

namespace HelpCenter.Localization;

/// <summary>
/// The three languages of the site. Content folders and URLs use the short code (<c>ja</c>, <c>en</c>,
/// <c>zh</c>); .NET cultures use <c>zh-Hans</c> for Simplified Chinese.
/// </summary>
public static class Languages
{
    public const string Default = "ja";

    public static readonly IReadOnlyList<string> All = ["ja", "en", "zh"];

    public static bool IsSupported(string? code) => code is not null && All.Contains(code);

    public static string ToCultureName(string code) => code == "zh" ? "zh-Hans" : code;

    /// <summary>
    /// Maps any culture to one of the site's language codes: Japanese to ja, every Chinese (zh-CN, and zh-TW, zh-HK,
    /// zh-Hant, whose readers read the Simplified articles better than the Japanese ones) to zh, any other language
    /// (en-GB, ko, fr...) to en; the invariant culture (no language given) to the default.
    /// </summary>
    public static string FromCulture(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName switch
        {
            "iv" or "" => Default,
            "ja" => "ja",
            "zh" => "zh",
            _ => "en",
        };
    }

    /// <summary>Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant...): shown the Simplified articles, with a note.</summary>
    public static bool IsTraditionalChinese(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (c.Name is "zh-Hant" or "zh-TW" or "zh-HK" or "zh-MO")
            {
                return true;
            }
        }

        return false;
    }

    public static string Current => FromCulture(CultureInfo.CurrentUICulture);

    /// <summary>The language's own name, as shown in the switcher.</summary>
    public static string NativeName(string code) => code switch
    {
        "ja" => "日本語",
        "en" => "English",
        "zh" => "简体中文",
        _ => code,
    };
}
