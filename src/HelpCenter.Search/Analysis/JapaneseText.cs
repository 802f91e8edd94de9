using System.Text;

namespace HelpCenter.Search.Analysis;

/// <summary>Character-level helpers for Japanese text.</summary>
public static class JapaneseText
{
    /// <summary>NFKC plus lower case: full-width letters and digits become ASCII, half-width katakana becomes full-width.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Fast path: kana, common kanji and lower-case ASCII are already normal (most of every article).
        if (text.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or ' ' or >= '\u3041' and <= '\u30FA' or >= '\u4E00' and <= '\u9FFF'))
        {
            return text;
        }

        return text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
    }

    /// <summary>Katakana (ァ..ヶ) to hiragana; everything else unchanged. The long-vowel mark ー stays.</summary>
    public static string ToHiragana(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= 'ァ' and <= 'ヶ' ? (char)(c - 0x60) : c;
            }
        });
    }

    /// <summary>Katakana letter or the long-vowel mark.</summary>
    public static bool IsKatakana(char c) => c is >= 'ァ' and <= 'ヺ' or 'ー';

    /// <summary>Hiragana, katakana or the long-vowel mark.</summary>
    public static bool IsKana(char c) => c is >= 'ぁ' and <= 'ゖ' or >= 'ァ' and <= 'ヺ' or 'ー';

    /// <summary>True when every character is katakana.</summary>
    public static bool IsAllKatakana(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!IsKatakana(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>
    /// Whether text typed by a reader of <paramref name="language"/> is in Japanese script: it has kana, or, for a reader of
    /// English, Chinese characters (a Chinese reader's are Chinese).
    /// </summary>
    public static bool HasJapaneseScript(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Any(c => IsKana(c) && c != 'ー') || (language == "en" && text.Any(c => c is >= '\u3400' and <= '\u9FFF'));
    }

    /// <summary>True for ASCII letters and digits, the words that typo tolerance applies to.</summary>
    public static bool IsLatinWord(string term) => term.Length > 0 && term.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    /// <summary>
    /// Kuromoji-style katakana stemming: drop one trailing long-vowel mark from katakana words of 4 or more
    /// characters (コンピューター → コンピュータ), so both spellings meet.
    /// </summary>
    public static string StemKatakana(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        return term.Length >= 4 && term[^1] == 'ー' && IsAllKatakana(term.AsSpan()) ? term[..^1] : term;
    }
}
