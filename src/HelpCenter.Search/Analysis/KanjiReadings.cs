using System.IO.Compression;
using System.Text;

namespace HelpCenter.Search.Analysis;

/// <summary>
/// Readings of written Japanese without MeCab (the ICU fallback): a list of 133,000 written forms with a kanji and
/// their reading in hiragana, generated from IPADIC by <c>tools/ipadic-readings.py</c> and embedded in this assembly
/// (IPADIC's notice is beside it). Text is read by the longest listed form at each kanji, which is how a reader
/// without context would read a title: 本人確認書類 as ほんにん・かくにん・しょるい.
/// </summary>
internal static class KanjiReadings
{
    private const string ResourceName = "HelpCenter.Search.Analysis.Readings.ipadic-readings.tsv.gz";

    private static readonly Lazy<(Dictionary<string, string> Readings, int Longest)> List = new(Load);

    /// <summary>
    /// The longest listed form that starts at <paramref name="start"/> of <paramref name="text"/>, as its length
    /// and reading; null when none starts there.
    /// </summary>
    public static (int Length, string Reading)? LongestAt(string text, int start)
    {
        var (readings, longest) = List.Value;
        var lookup = readings.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = Math.Min(longest, text.Length - start); length > 0; length--)
        {
            if (lookup.TryGetValue(text.AsSpan(start, length), out var reading))
            {
                return (length, reading);
            }
        }

        return null;
    }

    private static (Dictionary<string, string>, int) Load()
    {
        using var resource = typeof(KanjiReadings).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded reading list {ResourceName} is missing.");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress), Encoding.UTF8);
        var readings = new Dictionary<string, string>(140_000, StringComparer.Ordinal);
        var longest = 0;
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t');
            var surface = line[..tab];
            readings[surface] = line[(tab + 1)..];
            longest = Math.Max(longest, surface.Length);
        }

        return (readings, longest);
    }
}
