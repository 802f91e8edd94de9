using System.Threading.Channels;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Requests;

/// <summary>
/// Group commit for conversation messages. Every message of every request goes through this one writer per process:
/// it takes all the messages waiting at that moment and stores them in one transaction (one fsync instead of one
/// per message), then answers each sender. The guarantees are those of a single write: a sender hears back only after
/// its message is committed; sequence numbers are 1, 2, 3... without gaps per request; a client id already stored
/// returns the stored message. Another instance writing to the same request makes the unique index reject the whole
/// batch, which is then computed again from the database.
/// </summary>
public sealed class MessageWriter : IAsyncDisposable
{
    /// <summary>Writers racing on other instances: each round one of them wins, so this bounds the concurrency.</summary>
    private const int MaxAttempts = 100;

    /// <summary>The largest batch: a commit of this many small rows still takes a few milliseconds.</summary>
    public const int MaxBatch = 256;

    private readonly IServiceScopeFactory _scopes;
    private readonly SiteClock _clock;
    private readonly ILogger<MessageWriter> _logger;
    private readonly Channel<Pending> _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lazy<Task> _loop;
    private long _messages;
    private long _batches;

    public MessageWriter(IServiceScopeFactory scopes, SiteClock clock, ILogger<MessageWriter> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        // Started by the first message, so the writer also works where no host runs (commands, tests).
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>Messages stored and the transactions they took, since start (the ratio is the batching achieved).</summary>
    public (long Messages, long Batches) Counts => (Interlocked.Read(ref _messages), Interlocked.Read(ref _batches));

    /// <summary>Stores the message and returns it with the request's status and last update after it.</summary>
    public async Task<WrittenMessage> WriteAsync(NewMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        _ = _loop.Value;
        var pending = new Pending(message, new TaskCompletionSource<WrittenMessage>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _pending.Writer.WriteAsync(pending, cancellationToken);
        // A caller that gives up still has its message stored (its client id makes a retry safe).
        return await pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // Nothing of the batch was committed: every sender hears it (and may send again).
                _logger.LogError(exception, "A batch of {Count} messages could not be stored", batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(exception);
                }
            }
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            try
            {
                var results = await StoreAsync(db, batch);
                Interlocked.Add(ref _messages, results.Count(r => r.Written is not null && r.New));
                Interlocked.Increment(ref _batches);
                for (var i = 0; i < batch.Count; i++)
                {
                    if (results[i].Written is { } written)
                    {
                        batch[i].Done.TrySetResult(written);
                    }
                    else
                    {
                        batch[i].Done.TrySetException(new InvalidOperationException($"Request {batch[i].Message.RequestId} does not exist."));
                    }
                }

                return;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another instance took a sequence number or stored a client id first: compute the batch again.
            }
        }
    }

    private async Task<List<(WrittenMessage? Written, bool New)>> StoreAsync(HelpCenterDbContext db, List<Pending> batch)
    {
        var requestIds = batch.Select(p => p.Message.RequestId).Distinct().ToList();
        var clientIds = batch.Select(p => p.Message.ClientId).OfType<string>().Distinct().ToList();
        var requests = await db.Requests.Where(r => requestIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id);
        var stored = clientIds.Count == 0
            ? []
            : await db.RequestMessages.AsNoTracking()
                .Where(m => requestIds.Contains(m.RequestId) && m.ClientId != null && clientIds.Contains(m.ClientId))
                .ToDictionaryAsync(m => (m.RequestId, m.ClientId!));
        var last = await db.RequestMessages.Where(m => requestIds.Contains(m.RequestId))
            .GroupBy(m => m.RequestId)
            .Select(g => new { RequestId = g.Key, Sequence = g.Max(m => m.Sequence) })
            .ToDictionaryAsync(g => g.RequestId, g => g.Sequence);

        var now = _clock.UtcNow;
        var results = new List<(RequestMessage? Message, bool New)>(batch.Count);
        foreach (var pending in batch)
        {
            var draft = pending.Message;
            if (!requests.TryGetValue(draft.RequestId, out var request))
            {
                results.Add((null, false));
                continue;
            }

            if (draft.ClientId is not null && stored.TryGetValue((draft.RequestId, draft.ClientId), out var earlier))
            {
                results.Add((earlier, false));
                continue;
            }

            var sequence = last.GetValueOrDefault(draft.RequestId) + 1;
            last[draft.RequestId] = sequence;
            var message = new RequestMessage
            {
                RequestId = draft.RequestId,
                Sequence = sequence,
                ClientId = draft.ClientId,
                Kind = draft.Kind,
                Body = draft.Body,
                AuthorId = draft.AuthorId,
                AuthorName = draft.AuthorName,
                AttachmentId = draft.AttachmentId,
                CreatedAt = now,
            };
            db.RequestMessages.Add(message);
            request.UpdatedAt = now;
            request.Status = StatusAfter(request.Status, draft.Kind);
            if (draft.ClientId is not null)
            {
                // The same client id twice in one batch (a resend racing its original) is stored once.
                stored[(draft.RequestId, draft.ClientId)] = message;
            }

            results.Add((message, true));
        }

        await db.SaveChangesAsync();
        return results.Select(r => r.Message is null
                ? ((WrittenMessage?)null, false)
                : (new WrittenMessage(r.Message, requests[r.Message.RequestId].Status, requests[r.Message.RequestId].UpdatedAt), r.New))
            .ToList();
    }

    /// <summary>A customer writing reopens a request waiting on them (or solved); an operator's answer makes it wait on the customer.</summary>
    public static RequestStatus StatusAfter(RequestStatus status, MessageKind kind) => kind switch
    {
        MessageKind.Customer when status is RequestStatus.WaitingOnCustomer or RequestStatus.Solved => RequestStatus.Open,
        MessageKind.Agent when status is RequestStatus.New or RequestStatus.Open => RequestStatus.WaitingOnCustomer,
        _ => status,
    };

    private sealed record Pending(NewMessage Message, TaskCompletionSource<WrittenMessage> Done);
}

/// <summary>A message to append to request <see cref="RequestId"/> (the body already cleaned and cut to length).</summary>
public sealed record NewMessage(int RequestId, MessageKind Kind, string Body, string? AuthorId, string? AuthorName, string? ClientId, string? AttachmentId);

/// <summary>The stored message (or the earlier one with the same client id) and its request's state after the batch.</summary>
public sealed record WrittenMessage(RequestMessage Message, RequestStatus Status, DateTimeOffset UpdatedAt);
