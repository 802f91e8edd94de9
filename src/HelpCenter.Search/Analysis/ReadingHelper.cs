using HelpCenter.Search.MeCab;

namespace HelpCenter.Search.Analysis;

/// <summary>The hiragana reading of a short text (a title or a typed query), for the typeahead. One per thread.</summary>
internal sealed class ReadingHelper(MeCabTagger? tagger)
{
    public string Reading(string text) =>
        string.Join('\u0001', ReadingBigramTokenizer.ReadingRuns(JapaneseText.Normalize(text), tagger).Select(r => r.Reading));
}
