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

            tokens.Add(new(Term(m), m.Start, m.End, pendingIncrement));
            pendingIncrement = 1;
        }
    }

    private static bool IsCompoundPart(Morpheme m) =>
        m.PartOfSpeech.StartsWith("名詞", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-非自立", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-代名詞", StringComparison.Ordinal) &&
        !StopWords.Japanese.Contains(m.BaseForm);

    private static string Term(Morpheme m) => JapaneseText.StemKatakana(m.BaseForm.ToLowerInvariant());

    /// <summary>Emits the nouns of a run; a run of two or more adjacent nouns also yields the whole compound.</summary>
    private static int EmitRun(List<Morpheme> run, int increment, List<BufferedToken> tokens)
    {
        if (run.Count == 0)
        {
            return increment;
        }

        var contiguous = run.Zip(run.Skip(1)).All(p => p.First.End == p.Second.Start);
        var compoundLength = run[^1].End - run[0].Start;
        var first = true;
        foreach (var m in run)
        {
            tokens.Add(new(Term(m), m.Start, m.End, first ? increment : 1));
            if (first && run.Count > 1 && contiguous && compoundLength >= 3)
            {
                var compound = JapaneseText.StemKatakana(string.Concat(run.Select(r => r.Surface)).ToLowerInvariant());
                tokens.Add(new(compound, run[0].Start, run[^1].End, 0, run.Count));
            }

            first = false;
        }

        return 1;
    }
}
