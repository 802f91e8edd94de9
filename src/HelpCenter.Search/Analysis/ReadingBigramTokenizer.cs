using System.Text;
using HelpCenter.Search.MeCab;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// The reading of the text in hiragana (MeCab's reading for kanji and katakana words, kana as written; without
/// MeCab, IPADIC's reading list), cut into character bigrams. A query typed in kana (にだんかいにんしょう, ぱすわーど)
/// then meets the kanji or katakana words (二段階認証, パスワード) whatever way MeCab segments the kana. Runs are broken at
/// symbols, spaces and Latin letters; a run of one character yields a unigram.
/// </summary>
public sealed class ReadingBigramTokenizer : BufferedTokenizer
{
    private readonly MeCabTagger? _tagger;

    /// <summary>
    /// With a tagger, kanji are read by MeCab; without one (ICU fallback), by the longest form of IPADIC's reading list
    /// (<see cref="KanjiReadings"/>), and katakana is folded to hiragana.
    /// </summary>
    public ReadingBigramTokenizer(TextReader input, MeCabTagger? tagger)
        : base(input)
        => _tagger = tagger;

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
            var i = 0;
            while (i < text.Length)
            {
                if (JapaneseText.IsKana(text[i]))
                {
                    Add(text[i].ToString(), i, i + 1);
                    i++;
                }
                else if (KanjiReadings.LongestAt(text, i) is var (length, reading))
                {
                    Add(reading, i, i + length);
                    i += length;
                }
                else
                {
                    Close();
                    i++;
                }
            }
        }

        Close();
        return runs;
    }

    /// <inheritdoc/>
    protected override void Tokenize(string text, List<BufferedToken> tokens)
    {
        foreach (var (reading, start, end) in ReadingRuns(text, _tagger))
        {
            if (reading.Length == 1)
            {
                tokens.Add(new(reading, start, end));
                continue;
            }

            for (var i = 0; i + 1 < reading.Length; i++)
            {
                tokens.Add(new(reading.Substring(i, 2), start, end));
            }
        }
    }
}
