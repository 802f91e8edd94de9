using System.Text;
using HelpCenter.Search.MeCab;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// The reading of the text in hiragana (MeCab's reading for kanji and katakana words, kana as written),
/// cut into character bigrams. A query typed in kana (にだんかいにんしょう, ぱすわーど) then meets the
/// kanji or katakana words (二段階認証, パスワード) whatever way MeCab segments the kana. Runs are broken at
/// symbols, spaces and Latin letters; a run of one character yields a unigram.
/// </summary>
public sealed class ReadingBigramTokenizer : Tokenizer
{
    private readonly MeCabTagger? _tagger;
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly List<(string Term, int Start, int End)> _tokens = [];
    private int _next;
    private int _finalOffset;

    /// <summary>With a tagger, kanji are read by MeCab; without one (ICU fallback), only katakana is folded to hiragana.</summary>
    public ReadingBigramTokenizer(TextReader input, MeCabTagger? tagger)
        : base(input)
    {
        _tagger = tagger;
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
    }

    /// <summary>The hiragana reading of <paramref name="text"/> as runs, each with the span of source text it covers.</summary>
    public static List<(string Reading, int Start, int End)> ReadingRuns(string text, MeCabTagger? tagger)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<(string, int, int)>();
        var current = new StringBuilder();
        int runStart = -1, runEnd = -1;

        void Close()
        {
            if (current.Length > 0)
            {
                runs.Add((current.ToString(), runStart, runEnd));
            }

            current.Clear();
            runStart = -1;
        }

        void Add(string reading, int start, int end)
        {
            if (runStart < 0)
            {
                runStart = start;
            }

            runEnd = end;
            current.Append(JapaneseText.ToHiragana(reading));
        }

        if (tagger is not null)
        {
            foreach (var m in tagger.Parse(text))
            {
                var reading = m.Reading ?? m.Surface;
                if (m.PartOfSpeech.StartsWith("記号", StringComparison.Ordinal) || !reading.All(JapaneseText.IsKana))
                {
                    Close();
                    continue;
                }

                if (runStart >= 0 && m.Start != runEnd)
                {
                    Close();
                }

                Add(reading, m.Start, m.End);
            }
        }
        else
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (JapaneseText.IsKana(text[i]))
                {
                    Add(text[i].ToString(), i, i + 1);
                }
                else
                {
                    Close();
                }
            }
        }

        Close();
        return runs;
    }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _finalOffset = CorrectOffset(text.Length);
        _tokens.Clear();
        _next = 0;
        foreach (var (reading, start, end) in ReadingRuns(text, _tagger))
        {
            if (reading.Length == 1)
            {
                _tokens.Add((reading, start, end));
                continue;
            }

            for (var i = 0; i + 1 < reading.Length; i++)
            {
                _tokens.Add((reading.Substring(i, 2), start, end));
            }
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
        var (term, start, end) = _tokens[_next++];
        _term.SetEmpty().Append(term);
        _offset.SetOffset(CorrectOffset(start), CorrectOffset(end));
        return true;
    }

    /// <inheritdoc/>
    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }
}
