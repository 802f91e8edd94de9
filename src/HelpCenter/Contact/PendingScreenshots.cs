using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace HelpCenter.Contact;

/// <summary>
/// Screenshots attached to a contact form that was sent back for another field: checked and re-encoded like any upload
/// (<see cref="ScreenshotStore.CheckAsync"/>), kept in a folder of their own, and carried in the re-rendered form as a
/// protected token (hidden field) instead of being dropped. A token names one file, the flow and visitor it was made
/// for, and expires after <see cref="ContactOptions.PendingScreenshotMinutes"/>; a forged, altered, expired or another
/// visitor's token reads as nothing. When the request is sent, the file moves to the screenshots folder; files left
/// behind are deleted once they are older than their token.
/// </summary>
public sealed partial class PendingScreenshots(ScreenshotStore store, SitePaths paths, IDataProtectionProvider protection,
    IOptions<ContactOptions> options, TimeProvider time)
{
    private const string Folder = "uploads-pending";
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("HelpCenter.PendingScreenshot.v1").ToTimeLimitedDataProtector();

    private TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.PendingScreenshotMinutes);

    /// <summary>Whose pending uploads these are: the contact flow and the visitor's cookie.</summary>
    public static string Owner(HttpContext http, ContactFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Id.ToString("N") + ":" + VisitorCookie.GetOrCreate(http);
    }

    /// <summary>Checks an upload and keeps it as pending for <paramref name="owner"/>.</summary>
    public async Task<(PendingScreenshot? Pending, ScreenshotError? Error)> AddAsync(Stream content, string? fileName, string owner, CancellationToken cancellationToken = default)
    {
        var (error, image) = await store.CheckAsync(content, options.Value.MaxScreenshotBytes, cancellationToken);
        if (image is null)
        {
            return (null, error);
        }

        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "." + image.Extension;
        await File.WriteAllBytesAsync(Path.Combine(paths.DataFolder(Folder), id), image.Bytes, cancellationToken);
        var screenshot = new StoredScreenshot(id, image.ContentType, image.Bytes.Length, image.Width, image.Height, ScreenshotStore.SafeName(fileName));
        var token = _protector.Protect(JsonSerializer.Serialize(new Ticket(owner, screenshot)), Lifetime);
        return (new PendingScreenshot(token, screenshot), null);
    }

    /// <summary>The pending screenshot a token names, or null when the token is not one this site made for
    /// <paramref name="owner"/>, has expired, or its file is gone.</summary>
    public PendingScreenshot? Read(string? token, string owner)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        Ticket? ticket;
        try
        {
            ticket = JsonSerializer.Deserialize<Ticket>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }

        // A retry of a form already sent finds its file moved to the screenshots folder: still the customer's.
        return ticket is not null && ticket.Owner == owner && IdPattern().IsMatch(ticket.Screenshot.Id)
            && (File.Exists(PendingPath(ticket.Screenshot.Id)) || store.Exists(ticket.Screenshot.Id))
            ? new PendingScreenshot(token, ticket.Screenshot)
            : null;
    }

    /// <summary>Moves a pending screenshot to the screenshots folder, to be attached to a request.</summary>
    public StoredScreenshot Commit(PendingScreenshot pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var source = PendingPath(pending.Screenshot.Id);
        if (File.Exists(source))
        {
            File.Move(source, Path.Combine(paths.DataFolder("uploads"), pending.Screenshot.Id), overwrite: true);
        }

        return pending.Screenshot;
    }

    /// <summary>The customer removed it from the form.</summary>
    public void Discard(PendingScreenshot pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        File.Delete(PendingPath(pending.Screenshot.Id));
    }

    /// <summary>Deletes pending files whose tokens have expired (forms never sent).</summary>
    public void Sweep()
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Lifetime - TimeSpan.FromMinutes(5);
        foreach (var file in new DirectoryInfo(paths.DataFolder(Folder)).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                try
                {
                    file.Delete();
                }
                catch (IOException)
                {
                    // Being moved or deleted by another request: nothing left to sweep.
                }
            }
        }
    }

    private string PendingPath(string id) => Path.Combine(paths.DataFolder(Folder), id);

    private sealed record Ticket(string Owner, StoredScreenshot Screenshot);

    [GeneratedRegex(@"^[0-9a-f]{32}\.(png|jpg)$")]
    private static partial Regex IdPattern();
}

/// <summary>A screenshot kept for a form, and the token the form carries for it.</summary>
public sealed record PendingScreenshot(string Token, StoredScreenshot Screenshot);
