using System.Runtime.InteropServices;
using System.Text;

namespace HelpCenter.Search.MeCab;

/// <summary>One morpheme found by MeCab, with its position in the analysed string (UTF-16 offsets).</summary>
/// <param name="Surface">The text as written.</param>
/// <param name="Start">Offset of the first character in the input.</param>
/// <param name="End">Offset after the last character.</param>
/// <param name="PartOfSpeech">IPADIC part of speech with its sub-categories, joined by '-' (e.g. 名詞-サ変接続).</param>
/// <param name="BaseForm">Dictionary form (忘れ → 忘れる); the surface when MeCab has none.</param>
/// <param name="Reading">Reading in katakana, or null for unknown words.</param>
/// <param name="Known">False when the word is not in the dictionary.</param>
public sealed record Morpheme(string Surface, int Start, int End, string PartOfSpeech, string BaseForm, string? Reading, bool Known);

/// <summary>
/// A MeCab tagger (libmecab.so.2 with the IPADIC dictionary) called through P/Invoke. A tagger is not
/// thread-safe: use one per thread (each Lucene tokenizer owns one).
/// </summary>
public sealed class MeCabTagger : IDisposable
{
    private const string Library = "libmecab.so.2";

    private IntPtr _handle;

    private MeCabTagger(IntPtr handle) => _handle = handle;

    /// <summary>The dictionary folders tried, in order, when none is configured.</summary>
    public static IReadOnlyList<string> DefaultDictionaries { get; } =
        ["/var/lib/mecab/dic/ipadic-utf8", "/usr/lib/x86_64-linux-gnu/mecab/dic/ipadic-utf8", "/usr/share/mecab/dic/ipadic"];

    /// <summary>Creates a tagger, or explains why MeCab cannot be used here.</summary>
    /// <param name="dictionary">IPADIC folder; null tries <see cref="DefaultDictionaries"/>.</param>
    /// <param name="error">Why it failed (library missing, dictionary missing...).</param>
    public static MeCabTagger? TryCreate(string? dictionary, out string? error)
    {
        var folder = dictionary ?? DefaultDictionaries.FirstOrDefault(Directory.Exists);
        if (folder is null || !Directory.Exists(folder))
        {
            error = $"MeCab dictionary not found (tried {dictionary ?? string.Join(", ", DefaultDictionaries)}); install mecab-ipadic-utf8";
            return null;
        }

        try
        {
            var handle = Native.New($"-d {folder}");
            if (handle == IntPtr.Zero)
            {
                error = "mecab_new2 failed: " + Marshal.PtrToStringUTF8(Native.mecab_strerror(IntPtr.Zero));
                return null;
            }

            error = null;
            return new MeCabTagger(handle);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            error = $"{Library} cannot be loaded ({ex.GetType().Name}); install libmecab2";
            return null;
        }
    }

    /// <summary>Splits <paramref name="text"/> into morphemes. Offsets refer to <paramref name="text"/>.</summary>
    public unsafe List<Morpheme> Parse(string text)
    {
        ObjectDisposedException.ThrowIf(_handle == IntPtr.Zero, this);
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Morpheme>();
        if (text.Length == 0)
        {
            return result;
        }

        var bytes = Encoding.UTF8.GetBytes(text);

        // byteToChar[b] = UTF-16 offset of the character that starts at byte b (and of the end, at bytes.Length).
        var byteToChar = new int[bytes.Length + 1];
        var b = 0;
        for (var c = 0; c < text.Length; c++)
        {
            var charBytes = char.IsHighSurrogate(text[c]) && c + 1 < text.Length
                ? Encoding.UTF8.GetByteCount(text.AsSpan(c, 2))
                : Encoding.UTF8.GetByteCount(text.AsSpan(c, 1));
            for (var k = 0; k < charBytes; k++)
            {
                byteToChar[b + k] = c;
            }

            b += charBytes;
            if (charBytes == 4)
            {
                c++;
            }
        }

        byteToChar[bytes.Length] = text.Length;

        fixed (byte* start = bytes)
        {
            var node = (Node*)Native.mecab_sparse_tonode2(_handle, start, (nuint)bytes.Length);
            for (; node != null; node = node->Next)
            {
                if (node->Stat is NodeStatus.Begin or NodeStatus.End || node->Length == 0)
                {
                    continue;
                }

                var offset = (int)((byte*)node->Surface - start);
                if (offset < 0 || offset + node->Length > bytes.Length)
                {
                    continue;
                }

                var feature = Marshal.PtrToStringUTF8(node->Feature) ?? "";
                var fields = feature.Split(',');
                var pos = string.Join('-', fields.Take(4).Where(f => f != "*"));
                var surface = Encoding.UTF8.GetString(bytes, offset, node->Length);
                var baseForm = fields.Length > 6 && fields[6] != "*" ? fields[6] : surface;
                var reading = fields.Length > 7 && fields[7] != "*" ? fields[7] : null;
                result.Add(new Morpheme(surface, byteToChar[offset], byteToChar[offset + node->Length], pos, baseForm, reading,
                    node->Stat != NodeStatus.Unknown));
            }
        }

        return result;
    }

    /// <summary>Frees the native tagger.</summary>
    public void Dispose()
    {
        if (_handle != IntPtr.Zero)
        {
            Native.mecab_destroy(_handle);
            _handle = IntPtr.Zero;
        }
    }

    private enum NodeStatus : byte
    {
        Normal = 0,
        Unknown = 1,
        Begin = 2,
        End = 3,
    }

    /// <summary>mecab_node_t from mecab.h (x86-64 layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Node
    {
        public Node* Prev;
        public Node* Next;
        public IntPtr ENext;
        public IntPtr BNext;
        public IntPtr RPath;
        public IntPtr LPath;
        public IntPtr Surface;
        public IntPtr Feature;
        public uint Id;
        public ushort Length;
        public ushort RLength;
        public ushort RcAttr;
        public ushort LcAttr;
        public ushort PosId;
        public byte CharType;
        public NodeStatus Stat;
        public byte IsBest;
        public float Alpha;
        public float Beta;
        public float Prob;
        public short WCost;
        public nint Cost;
    }

    private static unsafe class Native
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr mecab_new2(byte* arg);

        public static IntPtr New(string arg)
        {
            var bytes = Encoding.UTF8.GetBytes(arg + "\0");
            fixed (byte* p = bytes)
            {
                return mecab_new2(p);
            }
        }

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr mecab_sparse_tonode2(IntPtr mecab, byte* str, nuint len);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr mecab_strerror(IntPtr mecab);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        public static extern void mecab_destroy(IntPtr mecab);
    }
}
