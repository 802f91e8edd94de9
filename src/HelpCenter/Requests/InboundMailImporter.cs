using HelpCenter.Infrastructure.Data;
using System.Text.RegularExpressions;
using HelpCenter.Mail;
using HelpCenter.Requests;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpCenter.Requests;

/// <summary>
/// Customer replies by mail: the mail server delivers the support address into a Maildir
/// (<see cref="MailOptions.InboundMaildir"/>), and this service appends each new message to its request. The
/// request is found by the reference in the subject or in In-Reply-To/References, and the sender must be the
/// request's address; anything else is moved aside, not imported. A message is claimed by renaming it from
/// <c>new/</c> to <c>cur/</c> first, so two instances never import the same one.
/// </summary>
public sealed partial class InboundMailImporter(IOptions<MailOptions> options, IServiceScopeFactory scopes, SingletonWorkRunner singleton,
    ILogger<InboundMailImporter> logger) : BackgroundService
{
    private const int MaxBodyLength = 10_000;

    /// <summary>The name of the lease that decides which instance imports the mail.</summary>
    public const string Lease = "inbound-mail";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        string.IsNullOrWhiteSpace(options.Value.InboundMaildir) ? Task.CompletedTask : singleton.RunAsync(Lease, RunAsync, stoppingToken);

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.InboundPollSeconds));
        do
        {
            try
            {
                await ImportAsync(settings.InboundMaildir, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Inbound mail folder {Folder} could not be read", settings.InboundMaildir);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Imports every message waiting in <c>new/</c>; returns how many were appended to a request.</summary>
    public async Task<int> ImportAsync(string maildir, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(maildir);
        var incoming = Path.Combine(maildir, "new");
        if (!Directory.Exists(incoming))
        {
            return 0;
        }

        var current = Directory.CreateDirectory(Path.Combine(maildir, "cur")).FullName;
        var rejected = Directory.CreateDirectory(Path.Combine(maildir, "rejected")).FullName;
        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(incoming).Order(StringComparer.Ordinal).ToList())
        {
            var claimed = Path.Combine(current, Path.GetFileName(file));
            try
            {
                File.Move(file, claimed);
            }
            catch (IOException)
            {
                continue; // another instance took it
            }

            if (await ImportOneAsync(claimed, cancellationToken))
            {
                imported++;
            }
            else
            {
                File.Move(claimed, Path.Combine(rejected, Path.GetFileName(claimed)), overwrite: true);
            }
        }

        return imported;
    }

    private async Task<bool> ImportOneAsync(string path, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(path, cancellationToken);
        }
        catch (FormatException)
        {
            logger.LogWarning("Inbound mail {File} is not a valid message", Path.GetFileName(path));
            return false;
        }

        var reference = FindReference(message);
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address;
        if (reference is null || sender is null)
        {
            logger.LogInformation("Inbound mail {File} names no request", Path.GetFileName(path));
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var requests = scope.ServiceProvider.GetRequiredService<RequestService>();
        if (await requests.FindAsync(reference, cancellationToken) is not { } request
            || !string.Equals(request.Email, sender, StringComparison.OrdinalIgnoreCase))
        {
            // Only the customer's own address may add to a request; a forged reference is not enough.
            logger.LogWarning("Inbound mail for {Reference} from an address that is not the request's was set aside", reference);
            return false;
        }

        var body = StripQuote(message.TextBody ?? message.HtmlBody ?? "");
        if (body.Length == 0)
        {
            return false;
        }

        await requests.AddMessageAsync(request, MessageKind.Customer, body.Length > MaxBodyLength ? body[..MaxBodyLength] : body, request.UserId, request.Name, cancellationToken: cancellationToken);
        logger.LogInformation("Inbound mail appended to {Reference}", request.Reference);
        return true;
    }

    private static string? FindReference(MimeMessage message)
    {
        foreach (var candidate in new[] { message.Subject ?? "", message.InReplyTo ?? "" }.Concat(message.References))
        {
            if (ReferencePattern().Match(candidate) is { Success: true } match)
            {
                return match.Value.ToUpperInvariant();
            }
        }

        return null;
    }

    /// <summary>The customer's new text: everything before the quoted earlier message.</summary>
    public static string StripQuote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith('>') || QuoteHeaderPattern().IsMatch(line))
            {
                break;
            }

            lines.Add(line);
        }

        return string.Join('\n', lines).Trim();
    }

    [GeneratedRegex(@"HC-\d{8}-\d{4,}", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    /// <summary>"On ... wrote:", "... のメッセージ:", "-----Original Message-----" and the like.</summary>
    [GeneratedRegex(@"^(On .+wrote:|.+(のメッセージ|さんは書きました)[:：]?|-+ ?Original Message ?-+|-----原始邮件-----)\s*$")]
    private static partial Regex QuoteHeaderPattern();
}
