using HelpCenter.Search.MeCab;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// Japanese words from MeCab, as Kuromoji's search mode would give them: dictionary base forms, no particles,
/// auxiliary verbs or symbols, katakana long-vowel stemming, and for a run of nouns (二段階認証) the whole
/// compound as an extra token at the position of its first part, so precise matches rank above partial ones.
/// The input is expected to be NFKC case-folded already (see <see cref="AnalyzerSet"/>).
/// </summary>
public sealed class MeCabMorphTokenizer : Tokenizer
{
    private readonly MeCabTagger _tagger;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly IPositionLengthAttribute _positionLength;
    private readonly List<(string Term, int Start, int End, int Increment, int Length)> _tokens = [];
    private int _next;
    private int _finalOffset;

    /// <summary>Creates a tokenizer using <paramref name="tagger"/>, which the caller owns (tokenizers are reused, then dropped without notice).</summary>
    public MeCabMorphTokenizer(TextReader input, MeCabTagger tagger)
        : base(input)
    {
        _tagger = tagger;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _finalOffset = CorrectOffset(text.Length);
        _tokens.Clear();
        _next = 0;

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

            pendingIncrement = EmitRun(run, pendingIncrement);
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

            _tokens.Add((Term(m), m.Start, m.End, pendingIncrement, 1));
            pendingIncrement = 1;
        }
    }

    /// <inheritdoc/>
    public override bool IncrementToken()
    {
        if (_next >= _tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var (term, start, end, increment, length) = _tokens[_next++];
        _term.SetEmpty().Append(term);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        _position.PositionIncrement = increment;
        _positionLength.PositionLength = length;
        return true;
    }

    /// <inheritdoc/>
    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }

    private static bool IsCompoundPart(Morpheme m) =>
        m.PartOfSpeech.StartsWith("名詞", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-非自立", StringComparison.Ordinal) &&
        !m.PartOfSpeech.StartsWith("名詞-代名詞", StringComparison.Ordinal) &&
        !StopWords.Japanese.Contains(m.BaseForm);

    private static string Term(Morpheme m) => JapaneseText.StemKatakana(m.BaseForm.ToLowerInvariant());

    /// <summary>Emits the nouns of a run; a run of two or more adjacent nouns also yields the whole compound.</summary>
    private int EmitRun(List<Morpheme> run, int increment)
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
            _tokens.Add((Term(m), m.Start, m.End, first ? increment : 1, 1));
            if (first && run.Count > 1 && contiguous && compoundLength >= 3)
            {
                var compound = JapaneseText.StemKatakana(string.Concat(run.Select(r => r.Surface)).ToLowerInvariant());
                _tokens.Add((compound, run[0].Start, run[^1].End, 0, run.Count));
            }

            first = false;
        }

        return 1;
    }
}
