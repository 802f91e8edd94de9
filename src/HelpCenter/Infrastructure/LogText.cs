namespace HelpCenter.Infrastructure;

/// <summary>Makes visitor-supplied text safe to log: no line breaks or control characters (log injection), bounded length.</summary>
public static class LogText
{
    public const int MaxLength = 300;

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cleaned = string.Create(Math.Min(text.Length, MaxLength), text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) || source[i] is '\u2028' or '\u2029' ? '?' : source[i];
            }
        });
        return text.Length > MaxLength ? cleaned + "…" : cleaned;
    }
}
