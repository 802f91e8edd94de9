using HelpCenter.Search.MeCab;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// Japanese words from MeCab, as Kuromoji's search mode would give them: dictionary base forms, no particles,
/// auxiliary verbs or symbols, katakana long-vowel stemming, and for a run of nouns (二段階認証) the whole
/// compound as an extra token at the position of its first part, so precise matches rank above partial ones.
/// The input is expected to be NFKC case-folded already (see <see cref="AnalyzerSet"/>).
/// </summary>
public sealed class MeCabMorphTokenizer : BufferedTokenizer
{
    private readonly MeCabTagger _tagger;

    /// <summary>Creates a tokenizer using <paramref name="tagger"/>, which the caller owns (tokenizers are reused, then dropped without notice).</summary>
    public MeCabMorphTokenizer(TextReader input, MeCabTagger tagger)
        : base(input)
        => _tagger = tagger;

    /// <inheritdoc/>
    protected override void Tokenize(string text, List<BufferedToken> tokens)
    {
        var morphemes = _tagger.Parse(text);
        var pendingIncrement = 1;
        var run = new List<Morpheme>();
        for (var i = 0; i <= morphemes.Count; i++)
        {
            var m = i < morphemes.Count ? morphemes[i] : null;
            if (m is not null && IsCompoundPart(m))
            {
                // Nouns apart (二段階認証 有効化) are two runs, each its own compound.
                if (run.Count > 0 && run[^1].End != m.Start)
                {
                    pendingIncrement = EmitRun(run, pendingIncrement, tokens);
                    run.Clear();
                }

                run.Add(m);
                continue;
            }

            pendingIncrement = EmitRun(run, pendingIncrement, tokens);
            run.Clear();
            if (m is null)
            {
                break;
            }

            if (StopWords.IsStopTag(m.PartOfSpeech) || StopWords.Japanese.Contains(m.BaseForm))
            {
                pendingIncrement++;
                continue;
            }

            tokens.Add(new(Term(m), m.Start, m.End, pendingIncrement, Type: IsKey(m) ? null : LightType));
            pendingIncrement = 1;
        }
    }

    private static bool IsCompoundPart(Morpheme m) =>
        m.PartOfSpeech.StartsWith("名詞", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-非自立", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-代名詞", StringComparison.Ordinal) &&
        !StopWords.Japanese.Contains(m.BaseForm);

    /// <summary>
    /// Nouns that name something (一般, サ変接続 like 出金, 固有名詞, 形容動詞語幹 like 無効) and words the dictionary does not
    /// know are what a question is about; verbs, adjectives, adverbs, prefixes, suffixes, numbers and adverbial nouns
    /// (今日, 以上) are not.
    /// </summary>
    private static bool IsKey(Morpheme m) =>
        !m.Known || (m.PartOfSpeech.StartsWith("名詞", StringComparison.Ordinal) &&
                     !m.PartOfSpeech.StartsWith("名詞-接尾", StringComparison.Ordinal) &&
                     !m.PartOfSpeech.StartsWith("名詞-数", StringComparison.Ordinal) &&
                     !m.PartOfSpeech.StartsWith("名詞-副詞可能", StringComparison.Ordinal) &&
                     !m.PartOfSpeech.StartsWith("名詞-非自立", StringComparison.Ordinal) &&
                     !m.PartOfSpeech.StartsWith("名詞-代名詞", StringComparison.Ordinal));

    private static string Term(Morpheme m) => JapaneseText.StemKatakana(m.BaseForm.ToLowerInvariant());

    /// <summary>Emits the nouns of a run of adjacent nouns; a run of two or more also yields the whole compound.</summary>
    private static int EmitRun(List<Morpheme> run, int increment, List<BufferedToken> tokens)
    {
        if (run.Count == 0)
        {
            return increment;
        }

        var first = true;
        foreach (var m in run)
        {
            tokens.Add(new(Term(m), m.Start, m.End, first ? increment : 1, Type: IsKey(m) ? null : LightType));
            if (first && run.Count > 1)
            {
                var compound = JapaneseText.StemKatakana(string.Concat(run.Select(r => r.Surface)).ToLowerInvariant());
                tokens.Add(new(compound, run[0].Start, run[^1].End, 0, run.Count, run.Any(IsKey) ? null : LightType));
            }

            first = false;
        }

        return 1;
    }
}
