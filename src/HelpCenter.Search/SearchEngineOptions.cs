namespace HelpCenter.Search;

/// <summary>Settings of a <see cref="SearchEngine"/>.</summary>
public sealed class SearchEngineOptions
{
    /// <summary>Folder of the Lucene index. Created when missing; rebuilt when it was built with another analyzer.</summary>
    public required string IndexPath { get; init; }

    /// <summary>IPADIC folder for MeCab; null tries the usual Debian locations.</summary>
    public string? MeCabDictionary { get; init; }

    /// <summary>Use the ICU fallback even when MeCab is available (for comparisons and tests).</summary>
    public bool ForceIcu { get; init; }

    /// <summary>Searches whose results are kept for the same request on the same index and synonyms; 0 (the default)
    /// searches every time.</summary>
    public int ResultCacheSize { get; init; }
}
