using System.Globalization;
using DiffPlex;

namespace HelpCenter.Editor;

public enum DiffKind
{
    Same,
    Added,
    Removed,
}

/// <summary>A run of text that is the same in both versions, or only in the newer (added) or the older (removed).</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);

/// <summary>
/// Word-level differences between two texts, for people reading a revision history. Japanese has no spaces, so words
/// are taken as runs of one script (see <see cref="ScriptRunChunker"/>).
/// </summary>
public static class RevisionDiff
{
    public static IReadOnlyList<DiffPiece> Words(string older, string newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var result = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, ScriptRunChunker.Instance);
        var pieces = new List<DiffPiece>();
        var a = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(pieces, DiffKind.Same, result.PiecesOld, a, block.DeleteStartA - a);
            Add(pieces, DiffKind.Removed, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(pieces, DiffKind.Added, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            a = block.DeleteStartA + block.DeleteCountA;
        }

        Add(pieces, DiffKind.Same, result.PiecesOld, a, result.PiecesOld.Count - a);
        return pieces;
    }

    private static void Add(List<DiffPiece> pieces, DiffKind kind, IReadOnlyList<string> source, int start, int count)
    {
        if (count <= 0)
        {
            return;
        }

        var text = string.Concat(source.Skip(start).Take(count));
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }
}

/// <summary>
/// Splits text into runs of one script: kanji, hiragana, katakana (with ー), letters and digits (any width), spaces;
/// every other character (punctuation, symbols, line breaks) is a piece of its own. パスワードを変更してください gives
/// パスワード / を / 変更 / してください: close to words, without a dictionary. MeCab would cut finer and better, but it
/// is optional on a machine (the ICU fallback cuts differently), and a history must read the same everywhere and
/// forever; single characters would make a diff of a reworded sentence unreadable confetti.
/// </summary>
public sealed class ScriptRunChunker : IChunker
{
    public static readonly ScriptRunChunker Instance = new();

    private enum Script
    {
        Kanji,
        Hiragana,
        Katakana,
        Word,
        Space,
        Other,
    }

    public IReadOnlyList<string> Chunk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || Of(text, i) != Of(text, start) || Of(text, start) == Script.Other)
            {
                chunks.Add(text[start..i]);
                start = i;
            }
        }

        return chunks;
    }

    private static Script Of(string text, int index)
    {
        var c = text[index];
        if (char.IsSurrogate(c))
        {
            return char.IsHighSurrogate(c) && index + 1 < text.Length && CharUnicodeInfo.GetUnicodeCategory(text, index) == UnicodeCategory.OtherLetter
                ? Script.Kanji
                : char.IsLowSurrogate(c) && index > 0 ? Of(text, index - 1) : Script.Other;
        }

        return c switch
        {
            '\n' or '\r' => Script.Other,
            _ when char.IsWhiteSpace(c) => Script.Space,
            >= '\u3041' and <= '\u309F' => Script.Hiragana,
            >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F' => Script.Katakana,
            >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '々' or '〆' => Script.Kanji,
            _ when char.IsLetterOrDigit(c) || c is '_' => Script.Word,
            _ => Script.Other,
        };
    }
}
