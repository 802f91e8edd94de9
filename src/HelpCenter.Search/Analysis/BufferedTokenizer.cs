using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HelpCenter.Search.Analysis;

/// <summary>A token to emit: text, span in the (char-filtered) input, position increment and length, and its type
/// (Lucene's default "word" when null; see <see cref="BufferedTokenizer.LightType"/>).</summary>
public readonly record struct BufferedToken(string Term, int Start, int End, int Increment = 1, int Length = 1, string? Type = null);

/// <summary>
/// Base for tokenizers that analyse the whole input at once (MeCab works on whole sentences): reads the text
/// on <see cref="Reset"/>, lets the subclass produce every token, then emits them one by one with offsets
/// corrected through the char filters.
/// </summary>
public abstract class BufferedTokenizer : Tokenizer
{
    private readonly ICharTermAttribute _term;
    private readonly IOffsetAttribute _offset;
    private readonly IPositionIncrementAttribute _position;
    private readonly IPositionLengthAttribute _positionLength;
    private readonly ITypeAttribute _type;
    private readonly List<BufferedToken> _tokens = [];
    private int _next;
    private int _finalOffset;

    /// <summary>Reads from <paramref name="input"/>.</summary>
    protected BufferedTokenizer(TextReader input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _offset = AddAttribute<IOffsetAttribute>();
        _position = AddAttribute<IPositionIncrementAttribute>();
        _positionLength = AddAttribute<IPositionLengthAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    /// <summary>
    /// The type of a word that does not name what a question is about (a verb, adjective, adverb, prefix or suffix:
    /// 忘れる, やり方, 再, 化): it ranks, but a result need not have it. Not indexed.
    /// </summary>
    public const string LightType = "light";

    /// <summary>Adds the tokens of <paramref name="text"/> to <paramref name="tokens"/>, in order.</summary>
    protected abstract void Tokenize(string text, List<BufferedToken> tokens);

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        var text = m_input.ReadToEnd();
        _finalOffset = CorrectOffset(text.Length);
        _tokens.Clear();
        _next = 0;
        Tokenize(text, _tokens);
    }

    /// <inheritdoc/>
    public override bool IncrementToken()
    {
        if (_next >= _tokens.Count)
        {
            return false;
        }

        ClearAttributes();
        var token = _tokens[_next++];
        _term.SetEmpty().Append(token.Term);
        _offset.SetOffset(CorrectOffset(token.Start), CorrectOffset(token.End));
        _position.PositionIncrement = token.Increment;
        _positionLength.PositionLength = token.Length;
        _type.Type = token.Type ?? TypeAttribute.DEFAULT_TYPE;
        return true;
    }

    /// <inheritdoc/>
    public override void End()
    {
        base.End();
        _offset.SetOffset(_finalOffset, _finalOffset);
    }
}
