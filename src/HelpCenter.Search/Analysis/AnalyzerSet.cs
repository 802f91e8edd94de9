using System.Collections.Concurrent;
using HelpCenter.Search.MeCab;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Cn.Smart;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Icu;
using Lucene.Net.Analysis.Icu.Segmentation;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace HelpCenter.Search.Analysis;

/// <summary>Which engine splits Japanese into words.</summary>
public enum Morphology
{
    /// <summary>MeCab with IPADIC: base forms, parts of speech, readings.</summary>
    MeCab,

    /// <summary>ICU's dictionary-based word breaking: no readings, no parts of speech.</summary>
    Icu,
}

/// <summary>
/// The analysis of every indexed field, chosen by the field name's suffix:
/// <c>.morph</c> (Japanese words), <c>.bigram</c> (Japanese character bigrams), <c>.reading</c> (Japanese readings as
/// hiragana bigrams), <c>.en</c> (English with stemming), <c>.zh</c> (SmartCn words) and <c>.hanzi</c> (Chinese
/// character bigrams). Every field first goes through NFKC case folding, with offsets corrected for highlighting;
/// Chinese fields then fold Traditional characters to Simplified (<see cref="ChineseText"/>).
/// </summary>
public sealed class AnalyzerSet : IDisposable
{
    internal static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly string? _dictionary;
    private readonly ConcurrentBag<MeCabTagger> _taggers = [];

    private AnalyzerSet(Morphology morphology, string? dictionary)
    {
        Morphology = morphology;
        _dictionary = dictionary;
        Index = new FieldAnalyzer(this, indexTime: true);
        Query = new FieldAnalyzer(this, indexTime: false);
    }

    /// <summary>The engine in use.</summary>
    public Morphology Morphology { get; }

    /// <summary>"mecab" or "icu": recorded in the index so that index and queries always agree.</summary>
    public string Name => Morphology == Morphology.MeCab ? "mecab" : "icu";

    /// <summary>Analyzer for documents.</summary>
    public Analyzer Index { get; }

    /// <summary>Analyzer for queries (bigram fields without unigrams, so that a two-character word must match as a pair).</summary>
    public Analyzer Query { get; }

    /// <summary>MeCab when it can be loaded (and <paramref name="forceIcu"/> is false), otherwise ICU, with the reason.</summary>
    public static AnalyzerSet Create(string? dictionary, bool forceIcu, out string? fallbackReason)
    {
        if (forceIcu)
        {
            fallbackReason = "ICU requested by configuration";
            return new AnalyzerSet(Morphology.Icu, null);
        }

        using var probe = MeCabTagger.TryCreate(dictionary, out fallbackReason);
        return probe is null ? new AnalyzerSet(Morphology.Icu, null) : new AnalyzerSet(Morphology.MeCab, dictionary);
    }

    /// <summary>A new MeCab tagger owned by this set, or null on the ICU path.</summary>
    internal MeCabTagger? NewTagger()
    {
        if (Morphology != Morphology.MeCab)
        {
            return null;
        }

        var tagger = MeCabTagger.TryCreate(_dictionary, out var error) ?? throw new InvalidOperationException(error);
        _taggers.Add(tagger);
        return tagger;
    }

    /// <summary>Frees the analyzers and every MeCab tagger they created.</summary>
    public void Dispose()
    {
        Index.Dispose();
        Query.Dispose();
        while (_taggers.TryTake(out var tagger))
        {
            tagger.Dispose();
        }
    }

    private sealed class FieldAnalyzer(AnalyzerSet set, bool indexTime) : Analyzer(PER_FIELD_REUSE_STRATEGY)
    {
        protected override TextReader InitReader(string fieldName, TextReader reader)
        {
            TextReader normalized = new ICUNormalizer2CharFilter(reader);
            return fieldName.EndsWith(".zh", StringComparison.Ordinal) || fieldName.EndsWith(".hanzi", StringComparison.Ordinal)
                ? new ChineseText.SimplifyingCharFilter(normalized)
                : normalized;
        }

        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var kind = fieldName[(fieldName.LastIndexOf('.') + 1)..];
            switch (kind)
            {
                case "morph" when set.Morphology == Morphology.MeCab:
                {
                    var tokenizer = new MeCabMorphTokenizer(reader, set.NewTagger()!);
                    return new TokenStreamComponents(tokenizer);
                }

                case "morph":
                {
                    var tokenizer = new ICUTokenizer(reader);
                    TokenStream stream = new StopFilter(Version, tokenizer, IcuStopSet);
                    stream = new KatakanaStemFilter(stream);
                    return new TokenStreamComponents(tokenizer, stream);
                }

                case "reading":
                    return new TokenStreamComponents(new ReadingBigramTokenizer(reader, set.NewTagger()));

                case "bigram" or "hanzi":
                {
                    var tokenizer = new StandardTokenizer(Version, reader);
                    TokenStream stream = new LowerCaseFilter(Version, tokenizer);
                    stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA, outputUnigrams: indexTime);
                    return new TokenStreamComponents(tokenizer, stream);
                }

                case "en":
                {
                    var tokenizer = new StandardTokenizer(Version, reader);
                    TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
                    stream = new LowerCaseFilter(Version, stream);
                    stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
                    stream = new PorterStemFilter(stream);
                    return new TokenStreamComponents(tokenizer, stream);
                }

                case "zh":
                {
                    var tokenizer = new HMMChineseTokenizer(reader);
                    TokenStream stream = new LowerCaseFilter(Version, tokenizer);
                    stream = new StopFilter(Version, stream, ChineseStopSet);
                    stream = new PorterStemFilter(stream);
                    return new TokenStreamComponents(tokenizer, stream);
                }

                default:
                {
                    // Keyword-like fields (ids) are never analysed; anything else gets plain standard analysis.
                    var tokenizer = new StandardTokenizer(Version, reader);
                    return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
                }
            }
        }
    }

    private static readonly CharArraySet IcuStopSet = new(Version, StopWords.Japanese.Concat(StopWords.Particles).ToList(), ignoreCase: false);

    private static readonly CharArraySet ChineseStopSet = new(Version,
        ["的", "了", "吗", "呢", "吧", "啊", "是", "在", "和", "与", "我", "你", "怎么", "如何", "什么", "为什么", "请问", "可以", "能", "要", "需要", "一下"],
        ignoreCase: false);

    /// <summary>The long-vowel stemming of <see cref="JapaneseText.StemKatakana"/> as a token filter (ICU path).</summary>
    private sealed class KatakanaStemFilter : TokenFilter
    {
        private readonly ICharTermAttribute _term;

        public KatakanaStemFilter(TokenStream input)
            : base(input) => _term = AddAttribute<ICharTermAttribute>();

        public override bool IncrementToken()
        {
            if (!m_input.IncrementToken())
            {
                return false;
            }

            var term = _term.ToString();
            var stemmed = JapaneseText.StemKatakana(term);
            if (!ReferenceEquals(term, stemmed) && stemmed.Length != term.Length)
            {
                _term.SetEmpty().Append(stemmed);
            }

            return true;
        }
    }
}
