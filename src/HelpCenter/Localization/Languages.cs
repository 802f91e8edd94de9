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

    /// <summary>Maps any culture (zh-CN, en-GB, ja-JP...) to one of the site's language codes.</summary>
    public static string FromCulture(CultureInfo culture)
    {
        for (var c = culture; c != CultureInfo.InvariantCulture; c = c.Parent)
        {
            if (c.Name is "zh-Hans" or "zh-CN" or "zh-SG" or "zh")
            {
                return "zh";
            }

            if (c.TwoLetterISOLanguageName is "ja" or "en" && c.Parent == CultureInfo.InvariantCulture)
            {
                return c.TwoLetterISOLanguageName;
            }
        }

        return Default;
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
