using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using HelpCenter.Contact;
using HelpCenter.IntegrationTests.Chat;
using HelpCenter.IntegrationTests.Mail;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpCenter.IntegrationTests.Security;

/// <summary>Finding 13: a small file that decodes into a huge bitmap, and several at once.</summary>
public sealed class ImageDecodingTests(MailFactory factory, ITestOutputHelper output) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task HugeScreenshotIsRefusedBeforeItsPixelsAreDecoded()
    {
        var png = Png(8000, 5000);
        output.WriteLine($"8000x5000 PNG: {png.Length / 1024} KB");
        var store = factory.Services.GetRequiredService<ScreenshotStore>();
        var (client, chat) = await ChatPageAsync("画像が大きすぎますか");
        var decodes = store.Decodes;

        var clock = Stopwatch.StartNew();
        var answer = await HtmlPage.ParseAsync(await ChatPageTests.PostImageAsync(client, chat, "huge.png", png));
        output.WriteLine($"upload answered in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(200, answer.Status);
        Assert.Contains("huge.png", answer.Find(".chat-image-form .field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(decodes, store.Decodes);
    }

    [Fact]
    public async Task ScreenshotsUploadedTogetherAreDecodedOneAtATime()
    {
        var png = Png(4000, 4000);
        var store = factory.Services.GetRequiredService<ScreenshotStore>();
        var uploads = new List<Task<HttpResponseMessage>>();
        foreach (var i in Enumerable.Range(0, 4))
        {
            var (client, chat) = await ChatPageAsync($"同時に送ります {i}");
            uploads.Add(ChatPageTests.PostImageAsync(client, chat, $"screen{i}.png", png));
        }

        var clock = Stopwatch.StartNew();
        var answers = await Task.WhenAll(uploads);
        output.WriteLine($"four 4000x4000 uploads together: {clock.ElapsedMilliseconds} ms, at most {store.PeakDecoding} decoded at once");

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, store.PeakDecoding);
    }

    private async Task<(HttpClient Client, HtmlPage Chat)> ChatPageAsync(string question)
    {
        var (reference, cookie) = await ChatTestKit.StartChatAsync(factory, question);
        var cookies = new CookieContainer();
        cookies.SetCookies(factory.Server.BaseAddress, cookie);
        var client = factory.CreateBrowserLikeClient("ja", cookies);
        return (client, await HtmlPage.GetAsync(client, $"/chat/{reference}"));
    }

    /// <summary>A grey RGB PNG written row by row: a few hundred kilobytes on disk however many pixels it claims.</summary>
    private static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + (width * 3)];
                Array.Fill(row, (byte)0x80, 1, width * 3);
                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            Chunk(png, "IDAT", pixels.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
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
}
