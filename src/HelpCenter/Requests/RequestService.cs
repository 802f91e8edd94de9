using System.Globalization;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Requests;

/// <summary>Creates requests with their reference numbers, keeps their conversations and mails the customer.</summary>
public sealed class RequestService(HelpCenterDbContext db, SiteClock clock, IDataProtectionProvider protection,
    MailComposer composer, MailSender sender, PublicUrl urls, MessageWriter writer)
{
    private readonly IDataProtector _links = protection.CreateProtector("HelpCenter.RequestLink.v1");
    private readonly ITimeLimitedDataProtector _accountLinks = protection.CreateProtector("HelpCenter.AccountRequestsLink.v1").ToTimeLimitedDataProtector();

    /// <summary>How long the mailed link to a frozen account's requests reads them.</summary>
    public static readonly TimeSpan AccountLinkLifetime = TimeSpan.FromDays(30);

    /// <summary>Numbers are per day in the site's time zone (<c>HC-yyyyMMdd-NNNN</c>), taken from the day's
    /// <see cref="ReferenceCounter"/> in the transaction that stores the request: requests created at the same moment,
    /// on any instance, get consecutive numbers, and a request that fails to store gives its number back. A request
    /// carrying an idempotency key that was already used returns the first request instead (double click, retry after
    /// a timeout).</summary>
    public async Task<SupportRequest> CreateAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindByIdempotencyKeyAsync(request.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var now = clock.UtcNow;
        var day = clock.DayOf(now).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        request.CreatedAt = request.UpdatedAt = now;
        try
        {
            await db.InWriteTransactionAsync(async () =>
            {
                var number = await NextNumberAsync(day, cancellationToken);
                request.Reference = $"HC-{day}-{number.ToString("D4", CultureInfo.InvariantCulture)}";
                db.Add(request);
                await db.SaveChangesAsync(cancellationToken);
            }, cancellationToken);
            return request;
        }
        catch (DbUpdateException) when (request.IdempotencyKey is not null)
        {
            // The same key stored by a concurrent submit (the unique index on IdempotencyKey): that request is the answer.
            db.Entry(request).State = EntityState.Detached;
            foreach (var message in request.Messages)
            {
                db.Entry(message).State = EntityState.Detached;
            }

            if (await FindByIdempotencyKeyAsync(request.IdempotencyKey, cancellationToken) is { } concurrent)
            {
                return concurrent;
            }

            throw;
        }
    }

    /// <summary>One statement on both providers (an upsert returning the new value), so concurrent callers never read
    /// the same number. A day's first counter starts after the highest reference already stored for it (a database
    /// from before the counter, or requests imported by hand).</summary>
    private async Task<int> NextNumberAsync(string day, CancellationToken cancellationToken)
    {
        var taken = await db.Database
            .SqlQuery<int>($"UPDATE \"ReferenceCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"Day\" = {day} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (taken.Count == 1)
        {
            return taken[0];
        }

        var prefix = $"HC-{day}-";
        var highest = await db.Requests.Where(r => r.Reference.StartsWith(prefix)).MaxAsync(r => (string?)r.Reference, cancellationToken);
        var first = highest is null ? 1 : int.Parse(highest[prefix.Length..], CultureInfo.InvariantCulture) + 1;
        taken = await db.Database
            .SqlQuery<int>($"INSERT INTO \"ReferenceCounters\" (\"Day\", \"Last\") VALUES ({day}, {first}) ON CONFLICT (\"Day\") DO UPDATE SET \"Last\" = \"ReferenceCounters\".\"Last\" + 1 RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        return taken[0];
    }

    /// <summary>Case-insensitive: generated links are lower-cased by routing, customers may type either.</summary>
    public Task<SupportRequest?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(reference);
        return db.Requests.Include(r => r.Messages.OrderBy(m => m.Id)).FirstOrDefaultAsync(r => r.Reference == normalized, cancellationToken);
    }

    /// <summary>The request without its conversation (the chat hub's per-message checks need only these fields).</summary>
    /// <remarks>Every chat message asks for it: the value is computed outside the query (EF Core would evaluate a method
    /// call inside the expression on every execution).</remarks>
    public Task<SupportRequest?> FindHeaderAsync(string reference, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(reference);
        return db.Requests.FirstOrDefaultAsync(r => r.Reference == normalized, cancellationToken);
    }

    private static string Normalize(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Trim().ToUpperInvariant();
    }

    /// <summary>The highest sequence number of the request's conversation (0 when empty).</summary>
    public async Task<int> LastSequenceAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await db.RequestMessages.Where(m => m.RequestId == request.Id).MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? 0;
    }

    /// <summary>
    /// Appends a message with the request's next sequence number, through the group commit of <see cref="MessageWriter"/>.
    /// With a <paramref name="clientId"/>, sending again returns the stored message instead of a duplicate. Only the
    /// message and the request's status and last update are written: other changes to <paramref name="request"/> are
    /// the caller's to save. The caller's copy of the request is brought up to date (and not marked as changed).
    /// </summary>
    public async Task<RequestMessage> AddMessageAsync(SupportRequest request, MessageKind kind, string body, string? authorId, string? authorName,
        string? clientId = null, string? attachmentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        var written = await writer.WriteAsync(new NewMessage(request.Id, kind, Truncate(Infrastructure.PlainText.Multiline(body), RequestMessage.BodyMaxLength),
            authorId, authorName, clientId, attachmentId), cancellationToken);

        request.Status = written.Status;
        request.UpdatedAt = written.UpdatedAt;
        var entry = db.Entry(request);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(r => r.Status).OriginalValue = written.Status;
            entry.Property(r => r.UpdatedAt).OriginalValue = written.UpdatedAt;
            entry.Property(r => r.Status).IsModified = false;
            entry.Property(r => r.UpdatedAt).IsModified = false;
            if (db.RequestMessages.Local.All(m => m.Id != written.Message.Id))
            {
                db.Attach(written.Message); // stored already: tracked as unchanged
            }
        }

        var message = db.RequestMessages.Local.FirstOrDefault(m => m.Id == written.Message.Id) ?? written.Message;
        if (!request.Messages.Contains(message))
        {
            request.Messages.Add(message);
        }

        return message;
    }

    /// <summary>Moves a "read up to" mark forward (never back: marks from a slow connection may arrive late).</summary>
    public async Task MarkReadAsync(SupportRequest request, bool customer, int sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (customer)
        {
            await db.Requests.Where(r => r.Id == request.Id && r.CustomerReadSequence < sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerReadSequence, sequence), cancellationToken);
            request.CustomerReadSequence = Math.Max(request.CustomerReadSequence, sequence);
        }
        else
        {
            await db.Requests.Where(r => r.Id == request.Id && r.AgentReadSequence < sequence)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.AgentReadSequence, sequence), cancellationToken);
            request.AgentReadSequence = Math.Max(request.AgentReadSequence, sequence);
        }
    }

    public async Task SaveSurveyAsync(SupportRequest request, int rating, bool? solved, string? comment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.SurveyRating = rating;
        request.SurveySolved = solved;
        request.SurveyComment = string.IsNullOrWhiteSpace(comment) ? null : Infrastructure.PlainText.Multiline(comment);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A chat nobody answered becomes an email request: same reference, same messages, answered by mail.
    /// False when the confirmation could not be mailed (the request is moved all the same).</summary>
    public async Task<bool> ContinueByEmailAsync(SupportRequest request, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Email = email;
        request.Channel = RequestChannel.Email;
        request.UpdatedAt = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return await SendConfirmationAsync(request, cancellationToken);
    }

    /// <summary>The private link to a request: works without signing in, for as long as the request exists.
    /// The token is data-protected (signed and encrypted), so it cannot be guessed or altered.</summary>
    public string PrivateLink(SupportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return urls.Absolute($"/requests/{request.Reference}?key={Uri.EscapeDataString(_links.Protect(request.Reference))}");
    }

    /// <summary>A link to every request of the account, read-only, without signing in: a frozen account cannot sign in,
    /// yet its owner must be able to follow their report (signed, 30 days).</summary>
    public string AccountLink(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return urls.Absolute($"/requests?token={Uri.EscapeDataString(_accountLinks.Protect(userId, clock.UtcNow + AccountLinkLifetime))}");
    }

    /// <summary>The account an <see cref="AccountLink"/> names, or null when forged or expired.</summary>
    public string? ReadAccountToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            return _accountLinks.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public bool IsValidKey(string reference, string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 1000)
        {
            return false;
        }

        try
        {
            return _links.Unprotect(key) == reference;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Confirmation of a new request, in the customer's language, with the reference and the private link.
    /// The question is repeated only to the signed-in owner's confirmed address: to an address nobody has verified, the
    /// site must not send text a visitor wrote (it would relay phishing from the support address). False when not sent.</summary>
    public async Task<bool> SendConfirmationAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verified = await IsVerifiedAddressAsync(request, cancellationToken);
        var values = new Dictionary<string, string> { ["Reference"] = request.Reference };
        if (verified)
        {
            values["Description"] = request.Description;
        }

        var template = verified ? "RequestReceived" : "RequestReceivedUnverified";
        return await sender.SendAsync(composer.Compose(request.Email, request.Language, template, values, PrivateLink(request)) with { ThreadKey = request.Reference }, cancellationToken);
    }

    /// <summary>The request's address is its signed-in owner's own, confirmed one.</summary>
    public Task<bool> IsVerifiedAddressAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var normalized = request.Email.ToUpperInvariant();
        return request.UserId is null
            ? Task.FromResult(false)
            : db.Users.AnyAsync(u => u.Id == request.UserId && u.EmailConfirmed && u.NormalizedEmail == normalized, cancellationToken);
    }

    /// <summary>Claims the right to mail this chat's transcript: at most once an hour per chat, across instances
    /// (a conditional update decides). False when one was mailed within the hour.</summary>
    public async Task<bool> ClaimTranscriptMailAsync(SupportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.UtcNow;
        var since = now.AddHours(-1);
        var claimed = await db.Requests.Where(r => r.Id == request.Id && (r.TranscriptMailedAt == null || r.TranscriptMailedAt < since))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.TranscriptMailedAt, now), cancellationToken);
        return claimed == 1;
    }

    /// <summary>An operator's reply, threaded by the reference number. False when it could not be mailed.</summary>
    public Task<bool> SendReplyAsync(SupportRequest request, RequestMessage reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        var values = new Dictionary<string, string> { ["Reference"] = request.Reference, ["Reply"] = reply.Body, ["Agent"] = reply.AuthorName ?? "" };
        return sender.SendAsync(composer.Compose(request.Email, request.Language, "RequestReply", values, PrivateLink(request)) with { ThreadKey = request.Reference }, cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;

    /// <summary>A submission already stored (a retry or a double click returns that request, and its mail went once).</summary>
    public Task<bool> IsStoredSubmissionAsync(string? key, CancellationToken cancellationToken = default) =>
        key is null ? Task.FromResult(false) : db.Requests.AsNoTracking().AnyAsync(r => r.IdempotencyKey == key, cancellationToken);

    private async Task<SupportRequest?> FindByIdempotencyKeyAsync(string? key, CancellationToken cancellationToken) =>
        key is null ? null : await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.IdempotencyKey == key, cancellationToken);
}
