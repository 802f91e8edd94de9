using System.ComponentModel.DataAnnotations;

namespace HelpCenter.Search;

/// <summary>Search settings, bound from <c>HelpCenter:Search</c>.</summary>
public sealed class SearchOptions
{
    public const string Section = "HelpCenter:Search";

    /// <summary>Index folder. Empty: <c>search-index/{machine name}</c> in the data folder, so that instances
    /// sharing a data folder never share an index writer.</summary>
    public string IndexPath { get; set; } = "";

    /// <summary>MeCab IPADIC folder; empty tries /var/lib/mecab/dic/ipadic-utf8 and the other Debian locations.</summary>
    public string MeCabDictionary { get; set; } = "";

    /// <summary>Use ICU word breaking for Japanese even when MeCab is installed.</summary>
    public bool ForceIcu { get; set; }

    /// <summary>Recent searches whose results are kept until the index or the synonyms change (popular questions
    /// come again and again); 0 searches every time.</summary>
    [Range(0, 100_000)]
    public int ResultCacheSize { get; set; } = 2000;

    /// <summary>Results per page on /search.</summary>
    [Range(5, 50)]
    public int PageSize { get; set; } = 10;

    /// <summary>Suggestions returned by /api/suggest.</summary>
    [Range(1, 20)]
    public int SuggestionCount { get; set; } = 8;
}
