using System.Security.Cryptography;
using System.Text.RegularExpressions;
using HelpCenter.Articles;
using HelpCenter.Contact;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace HelpCenter.Editor;

/// <summary>
/// Images uploaded for articles: checked and re-encoded exactly like contact screenshots
/// (<see cref="ScreenshotStore.CheckAsync"/>, one decode at a time), stored under the data folder with random names, and served to everyone
/// at <c>/media/articles/{id}</c> (articles are public) with a year of caching: a name is never reused for other bytes.
/// </summary>
public sealed partial class ArticleImages(SitePaths paths, HelpCenterDbContext db, Audit.AuditLog audit, ScreenshotStore images, IOptions<EditorOptions> options)
{
    public const string UrlPrefix = "/media/articles/";
    public const string Folder = "article-images";

    public async Task<(ScreenshotError? Error, ArticleImage? Image)> SaveAsync(int articleId, Stream content, string? fileName, EditorActor actor, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (error, image) = await images.CheckAsync(content, options.Value.MaxImageBytes, cancellationToken);
        if (image is null)
        {
            return (error, null);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "." + image.Extension;
        await File.WriteAllBytesAsync(Path.Combine(paths.DataFolder(Folder), id), image.Bytes, cancellationToken);
        var stored = new ArticleImage
        {
            Id = id,
            ArticleId = articleId,
            OriginalName = ScreenshotStore.SafeName(fileName),
            Width = image.Width,
            Height = image.Height,
            Length = image.Bytes.Length,
            UploadedById = actor.Id,
            UploadedAt = now,
        };
        db.ArticleImages.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(Audit.AuditKinds.ArticleImageUploaded, $"article:{articleId}", $"{id} {stored.OriginalName}", actor.Id, cancellationToken);
        return (null, stored);
    }

    /// <summary>GET /media/articles/{id}: the stored bytes, sandboxed, cached for a year; 404 for anything else.</summary>
    public static IResult Serve(string id, SitePaths paths, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(context);
        if (!IdPattern().IsMatch(id))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(paths.DataFolder(Folder), id);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.File(path, id.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
    }

    [GeneratedRegex(@"^[0-9a-f]{32}\.(png|jpg)$")]
    private static partial Regex IdPattern();
}
