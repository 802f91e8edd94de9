namespace HelpCenter.Search.Analysis;

/// <summary>Japanese words and parts of speech that carry no meaning for search (like Kuromoji's defaults).</summary>
public static class StopWords
{
    /// <summary>IPADIC part-of-speech prefixes that are dropped: particles, auxiliary verbs, symbols, fillers...</summary>
    public static readonly IReadOnlyList<string> StopTags =
    [
        "助詞", "助動詞", "記号", "フィラー", "非言語音", "その他", "接続詞", "連体詞",
    ];

    /// <summary>Frequent function words that survive the part-of-speech filter (base forms).</summary>
    public static readonly IReadOnlySet<string> Japanese = new HashSet<string>(StringComparer.Ordinal)
    {
        "の", "こと", "もの", "ため", "よう", "とき", "ところ", "ここ", "そこ", "これ", "それ", "あれ", "どれ", "する", "いる", "ある",
        "なる", "れる", "られる", "せる", "させる", "できる", "いう", "おる", "くる", "いく", "しまう", "ん", "さん", "お", "ご",
        "など", "ほか", "うち", "たち", "ら", "方", "的", "際", "場合", "中", "上", "後", "前", "等", "及び", "または", "かつ",
        "です", "ます", "ください", "下さい", "くださる", "いただく", "頂く", "いたす", "致す", "おく", "みる", "ほしい", "たい",
        "何", "なに", "なん", "どう", "どの", "どこ", "いつ", "誰", "よい", "いい", "良い",
    };

    /// <summary>Particles and auxiliaries as words, for the ICU path, which has no parts of speech.</summary>
    public static readonly IReadOnlyList<string> Particles =
    [
        "の", "に", "は", "を", "た", "が", "で", "て", "と", "し", "も", "な", "か", "へ", "や", "から", "まで", "より", "だ", "ね", "よ",
        "ない", "です", "ます", "でき", "けど", "けれど", "ので", "のに", "たら", "れ", "さ", "い", "う", "ば",
    ];

    /// <summary>True when the part of speech is one that search ignores.</summary>
    public static bool IsStopTag(string partOfSpeech)
    {
        ArgumentNullException.ThrowIfNull(partOfSpeech);
        foreach (var tag in StopTags)
        {
            if (partOfSpeech.StartsWith(tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
