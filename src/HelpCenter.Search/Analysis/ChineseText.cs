using ICU4N.Text;
using Lucene.Net.Analysis;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// Traditional Chinese folded to Simplified (忘記密碼 → 忘记密码), so that a reader in Taiwan or Hong Kong finds the
/// Simplified articles: ICU's <c>Traditional-Simplified</c> transform, applied character by character so that the
/// text keeps its length (offsets stay right) and index and queries fold alike. Each character is transformed once and
/// remembered.
/// </summary>
public static class ChineseText
{
    private static readonly Lock TransformLock = new();
    private static readonly char[] Folded = new char[char.MaxValue + 1];
    private static Transliterator? _transform;

    /// <summary>The Simplified form of a character (itself when it has none, or when it is not a Chinese character).</summary>
    public static char Simplify(char c)
    {
        if (c is < '\u3400' or > '\u9FFF' and < '\uF900' or > '\uFAFF')
        {
            return c;
        }

        var known = Folded[c];
        if (known == '\0')
        {
            string result;
            lock (TransformLock)
            {
                _transform ??= Transliterator.GetInstance("Traditional-Simplified");
                result = _transform.Transliterate(c.ToString());
            }

            known = result.Length == 1 ? result[0] : c;
            Folded[c] = known;
        }

        return known;
    }

    /// <summary><paramref name="text"/> with every Traditional character folded to Simplified; same length.</summary>
    public static string ToSimplified(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && Simplify(text[i]) == text[i])
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var j = 0; j < source.Length; j++)
            {
                span[j] = Simplify(source[j]);
            }
        });
    }

    /// <summary>The same folding as a char filter (one character for one, so offsets need no correction).</summary>
    internal sealed class SimplifyingCharFilter(TextReader input) : CharFilter(input)
    {
        public override int Read(char[] buffer, int index, int count)
        {
            var read = m_input.Read(buffer, index, count);
            for (var i = index; i < index + read; i++)
            {
                buffer[i] = Simplify(buffer[i]);
            }

            return read;
        }

        public override int Read()
        {
            var c = m_input.Read();
            return c < 0 ? c : Simplify((char)c);
        }

        protected override int Correct(int currentOff) => currentOff;
    }
}
