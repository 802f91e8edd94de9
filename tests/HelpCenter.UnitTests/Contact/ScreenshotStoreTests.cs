using System.Text;
using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using SkiaSharp;

namespace HelpCenter.UnitTests.Contact;

public sealed class ScreenshotStoreTests : IDisposable
{
    private static readonly byte[] Script = Encoding.ASCII.GetBytes("<script>alert(1)</script>");
    private readonly TempFolder _folder = new();
    private readonly ScreenshotStore _store;

    public ScreenshotStoreTests() =>
        _store = new ScreenshotStore(new SitePaths(_folder.Path, _folder.Path), Microsoft.Extensions.Options.Options.Create(new ContactOptions()));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/jpeg")]
    public async Task ImagesAreAcceptedAndStoredReEncoded(SKEncodedImageFormat format, string storedType)
    {
        var result = await _store.SaveAsync(new MemoryStream(Image(format)), "../../etc/画面\u0007.png");
        var shot = Assert.IsType<StoredScreenshot>(result.Screenshot);
        Assert.Equal(storedType, shot.ContentType);
        Assert.Equal((120, 80), (shot.Width, shot.Height));
        Assert.Equal("画面.png", shot.OriginalFileName);
        using var stored = _store.Open(shot.Id, out var contentType)!;
        Assert.Equal(storedType, contentType);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.NotNull(SKBitmap.Decode(copy.ToArray()));
    }

    [Fact]
    public async Task ScriptsInJpegCommentsPngTextChunksAndAfterTheImageAreDropped()
    {
        var jpeg = Image(SKEncodedImageFormat.Jpeg);
        var withComment = jpeg[..2].Concat(new byte[] { 0xFF, 0xFE, 0, (byte)(Script.Length + 2) }).Concat(Script).Concat(jpeg[2..]).ToArray();
        var png = Image(SKEncodedImageFormat.Png);
        var withText = InsertPngChunk(png, "tEXt", Encoding.ASCII.GetBytes("Comment\0").Concat(Script).ToArray());
        var withTrailer = png.Concat(Script).ToArray();

        foreach (var hostile in new[] { withComment, withText, withTrailer })
        {
            Assert.True(Contains(hostile, Script));
            var shot = (await _store.SaveAsync(new MemoryStream(hostile), "x.png")).Screenshot!;
            using var stored = _store.Open(shot.Id, out _)!;
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.False(Contains(copy.ToArray(), Script));
        }
    }

    [Fact]
    public async Task RenamedExecutablesSvgAndHtmlAreNotImages()
    {
        var elf = new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 }.Concat(new byte[200]).ToArray();
        var exe = Encoding.ASCII.GetBytes("MZ").Concat(new byte[200]).ToArray();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        var fakePng = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.Concat(Script).ToArray();
        foreach (var bytes in new[] { elf, exe, svg, fakePng, Array.Empty<byte>() })
        {
            Assert.Equal(ScreenshotError.NotAnImage, (await _store.SaveAsync(new MemoryStream(bytes), "screenshot.png")).Error);
        }

        var uploads = Path.Combine(_folder.Path, "uploads");
        Assert.True(!Directory.Exists(uploads) || Directory.GetFiles(uploads).Length == 0);
    }

    [Fact]
    public async Task FilesOverTheLimitAreRefusedWhileReading()
    {
        var stream = new CountingStream(6 * 1024 * 1024);
        Assert.Equal(ScreenshotError.TooLarge, (await _store.SaveAsync(stream, "big.png")).Error);
        Assert.InRange(stream.Served, 5 * 1024 * 1024, (5 * 1024 * 1024) + 81_920);
    }

    [Fact]
    public async Task DecompressionBombsAreRefusedFromTheHeader()
    {
        var png = Image(SKEncodedImageFormat.Png);

        // Rewrite IHDR to claim 30000 x 30000 (bytes 16..23), with a correct CRC.
        var bomb = (byte[])png.Clone();
        WriteBigEndian(bomb, 16, 30_000);
        WriteBigEndian(bomb, 20, 30_000);
        WriteBigEndian(bomb, 29, Crc32(bomb.AsSpan(12, 17)));
        Assert.Equal(ScreenshotError.TooManyPixels, (await _store.SaveAsync(new MemoryStream(bomb), "bomb.png")).Error);
    }

    [Theory]
    [InlineData("../uploads/x.png")]
    [InlineData("..%2f..%2fetc%2fpasswd")]
    [InlineData("/etc/passwd")]
    [InlineData("0123456789abcdef0123456789abcdef.exe")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF.png")]
    [InlineData(null)]
    public void OnlyGeneratedIdsCanBeOpened(string? id) => Assert.Null(_store.Open(id, out _));

    private static byte[] Image(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(120, 80);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.Navy };
            canvas.DrawRect(10, 10, 60, 30, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    private static byte[] InsertPngChunk(byte[] png, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        WriteBigEndian(chunk, 0, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        WriteBigEndian(chunk, 8 + data.Length, Crc32(chunk.AsSpan(4, 4 + data.Length)));
        const int afterHeader = 8 + 25; // signature + IHDR chunk
        return png[..afterHeader].Concat(chunk).Concat(png[afterHeader..]).ToArray();
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>An endless-looking upload that counts what was read from it.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            buffer.AsSpan(offset, n).Fill(0x89);
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
