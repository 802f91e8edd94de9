using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace HelpCenter.Contact;

/// <summary>
/// Screenshots attached to requests. An upload is accepted only if its bytes are a PNG, JPEG or WebP that decodes
/// (never by name or declared type), is at most <see cref="ContactOptions.MaxScreenshotBytes"/>, and is not a
/// decompression bomb (dimensions are read from the header before any pixel is decoded). Every accepted image is
/// decoded and encoded again, which drops metadata (EXIF, XMP, text chunks) and anything appended to the file.
/// Files live in the data folder, outside the web root, under random names; only staff pages serve them.
/// </summary>
public sealed partial class ScreenshotStore(SitePaths paths, IOptions<ContactOptions> options) : IDisposable
{
    public const int MaxSide = 8000;

    /// <summary>16 megapixels (a 5K screen is 14.7): 64 MB as a bitmap. An 8000x5000 PNG of 117 KB used to be decoded
    /// into 160 MB in about a second; it is now refused from its header, before any pixel is decoded.</summary>
    public const long MaxPixels = 16_777_216;

    private static readonly TimeSpan DecodeQueueTimeout = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _decodeGate = new(1, 1);
    private int _decoding;
    private int _peakDecoding;
    private int _decodes;

    public int MaxCount => options.Value.MaxScreenshots;

    /// <summary>Images decoded since the start, and the most ever decoded at once (tests read them).</summary>
    internal int Decodes => _decodes;

    internal int PeakDecoding => _peakDecoding;

    public async Task<ScreenshotResult> SaveAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        var (error, image) = await CheckAsync(content, options.Value.MaxScreenshotBytes, cancellationToken);
        if (image is null)
        {
            return ScreenshotResult.Fail(error!.Value);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "." + image.Extension;
        var path = Path.Combine(paths.DataFolder("uploads"), id);
        await File.WriteAllBytesAsync(path, image.Bytes, cancellationToken);
        return ScreenshotResult.Ok(new StoredScreenshot(id, image.ContentType, image.Bytes.Length, image.Width, image.Height, SafeName(fileName)));
    }

    /// <summary>
    /// The checks every uploaded image passes (article images too): at most <paramref name="maxBytes"/>, PNG, JPEG or
    /// WebP by its bytes, a decoder that accepts it, dimensions within limits read from the header before decoding;
    /// then decoded, one image at a time, and encoded again (PNG stays PNG, the rest becomes JPEG).
    /// </summary>
    public async Task<(ScreenshotError? Error, CheckedImage? Image)> CheckAsync(Stream content, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (ScreenshotError.TooLarge, null);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var format = Sniff(bytes);
        if (format is null)
        {
            return (ScreenshotError.NotAnImage, null);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return (ScreenshotError.NotAnImage, null);
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
        {
            return (ScreenshotError.TooManyPixels, null);
        }

        // One decode at a time: a bitmap of MaxPixels takes 64 MB, and four uploads at once would take four times that.
        // A queue of uploads waits a bounded time, then is told to try again rather than piling up.
        if (!await _decodeGate.WaitAsync(DecodeQueueTimeout, cancellationToken))
        {
            return (ScreenshotError.Busy, null);
        }

        try
        {
            return Reencode(codec, format);
        }
        finally
        {
            _decodeGate.Release();
        }
    }

    public void Dispose() => _decodeGate.Dispose();

    private (ScreenshotError? Error, CheckedImage? Image) Reencode(SKCodec codec, string format)
    {
        var inFlight = Interlocked.Increment(ref _decoding);
        InterlockedMax(ref _peakDecoding, inFlight);
        Interlocked.Increment(ref _decodes);
        try
        {
            using var bitmap = SKBitmap.Decode(codec);
            if (bitmap is null)
            {
                return (ScreenshotError.Unreadable, null);
            }

            // PNG stays PNG (sharp text in screenshots); photos are stored as JPEG.
            var (encoding, extension, contentType) = format == "png"
                ? (SKEncodedImageFormat.Png, "png", "image/png")
                : (SKEncodedImageFormat.Jpeg, "jpg", "image/jpeg");
            using var image = SKImage.FromBitmap(bitmap);
            using var encoded = image.Encode(encoding, 90);
            return encoded is null
                ? (ScreenshotError.Unreadable, null)
                : (null, new CheckedImage(encoded.ToArray(), extension, contentType, bitmap.Width, bitmap.Height));
        }
        finally
        {
            Interlocked.Decrement(ref _decoding);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = target) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>A stored screenshot, or null. Only ids this store generates are accepted (no paths).</summary>
    public Stream? Open(string? id, out string contentType)
    {
        contentType = "application/octet-stream";
        if (id is null || !IdPattern().IsMatch(id))
        {
            return null;
        }

        var path = Path.Combine(paths.DataFolder("uploads"), id);
        if (!File.Exists(path))
        {
            return null;
        }

        contentType = id.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg";
        return File.OpenRead(path);
    }

    /// <summary>
    /// A screenshot of <paramref name="request"/> as a response (null when the id is not one of the request's): sandboxed
    /// by its own CSP so that an image which slipped through can run nothing, and never cached.
    /// </summary>
    public IActionResult? Serve(Requests.SupportRequest request, string? id, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        if (request.Screenshots.All(s => s.Id != id) || Open(id, out var contentType) is not { } stream)
        {
            return null;
        }

        response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        response.Headers.CacheControl = "private, no-store";
        return new FileStreamResult(stream, contentType);
    }

    /// <summary>Whether a screenshot with this id is stored.</summary>
    public bool Exists(string? id) => id is not null && IdPattern().IsMatch(id) && File.Exists(Path.Combine(paths.DataFolder("uploads"), id));

    /// <summary>Removes a stored screenshot (retention). Unknown or malformed ids are ignored.</summary>
    public void Delete(string? id)
    {
        if (id is not null && IdPattern().IsMatch(id))
        {
            File.Delete(Path.Combine(paths.DataFolder("uploads"), id));
        }
    }

    private static string? Sniff(byte[] bytes) => bytes switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "webp",
        _ => null,
    };

    /// <summary>The file name as the customer had it, for display only: no folders, no control characters, 100 characters.</summary>
    public static string SafeName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "screenshot" : name.Length > 100 ? name[..100] : name;
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\.(png|jpg)$")]
    private static partial Regex IdPattern();
}

public enum ScreenshotError
{
    TooLarge,
    NotAnImage,
    TooManyPixels,
    Unreadable,
    Busy,
}

public sealed record ScreenshotResult(StoredScreenshot? Screenshot, ScreenshotError? Error)
{
    public static ScreenshotResult Ok(StoredScreenshot screenshot) => new(screenshot, null);

    public static ScreenshotResult Fail(ScreenshotError error) => new(null, error);
}

/// <summary>An upload that passed the checks, re-encoded: the bytes to store.</summary>
public sealed record CheckedImage(byte[] Bytes, string Extension, string ContentType, int Width, int Height);
