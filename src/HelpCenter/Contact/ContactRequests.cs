using System.Security.Cryptography;
using System.Text;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;

namespace HelpCenter.Contact;

/// <summary>Turns a contact flow into a request: attaches the system context, records the escalation, mails the customer.</summary>
public sealed class ContactRequests(RequestService requests, RequestContextBuilder contexts, ContactFlowService flows)
{
    /// <summary>The customer's part of an email or callback request, already validated and normalised.</summary>
    public sealed record Submission
    {
        public required RequestChannel Channel { get; init; }

        public required string Email { get; init; }

        public string? Name { get; init; }

        public required string Description { get; init; }

        /// <summary>Exchange account number, normalised (LX12345678).</summary>
        public string? AccountNumber { get; init; }

        public IReadOnlyList<string> TransactionIds { get; init; } = [];

        /// <summary>Callbacks: E.164 number, time window.</summary>
        public string? Phone { get; init; }

        public string? CallbackWindow { get; init; }

        /// <summary>The language to answer in.</summary>
        public required string Language { get; init; }

        public string? BrowserTimeZone { get; init; }

        /// <summary>Generated when the form was shown: a second submission with it returns the first request.</summary>
        public required string SubmissionId { get; init; }

        public IReadOnlyList<StoredScreenshot> Screenshots { get; init; } = [];
    }

    /// <summary>The stored request, and whether its confirmation mail failed (the request is kept either way).</summary>
    public sealed record Created(SupportRequest Request, bool ConfirmationFailed);

    public async Task<Created> CreateAsync(HttpContext http, ContactFlow flow, Submission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(submission);
        var context = await contexts.BuildAsync(http, flow, submission.BrowserTimeZone, cancellationToken: cancellationToken);
        var idempotencyKey = IdempotencyKey(http, submission.SubmissionId);
        var repeated = await requests.IsStoredSubmissionAsync(idempotencyKey, cancellationToken);
        var request = NewRequest(flow, context, submission.Channel, idempotencyKey);
        request.Language = submission.Language;
        request.Email = submission.Email;
        request.Name = submission.Name is null ? null : PlainText.SingleLine(submission.Name);
        request.Description = PlainText.Multiline(submission.Description);
        request.AccountNumber = submission.AccountNumber;
        request.TransactionIds = submission.TransactionIds.Count == 0 ? null : string.Join('\n', submission.TransactionIds);
        request.Phone = submission.Phone;
        request.CallbackWindow = submission.CallbackWindow;
        request.Screenshots = [.. submission.Screenshots];
        request = await requests.CreateAsync(request, cancellationToken);

        // Every new request is mailed, also a second one from the same flow (after Back): the page says a mail was
        // sent, so it must have been. A repeated submission is the request already mailed.
        var mailFailed = false;
        if (!repeated)
        {
            if (flow.RequestId is null)
            {
                await flows.MarkEscalatedAsync(flow, submission.Channel, request.Id, cancellationToken);
            }

            mailFailed = !await requests.SendConfirmationAsync(request, cancellationToken);
        }

        return new Created(request, mailFailed);
    }

    /// <summary>A live chat: a request on the chat channel whose first message is the question already typed.</summary>
    public async Task<SupportRequest> CreateChatAsync(HttpContext http, ContactFlow flow, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flow);
        var context = await contexts.BuildAsync(http, flow, null, cancellationToken: cancellationToken);
        var question = string.IsNullOrWhiteSpace(flow.Question) ? "-" : flow.Question;
        var request = NewRequest(flow, context, RequestChannel.Chat, IdempotencyKey(http, "chat:" + flow.Id.ToString("N")));
        request.Name = name;
        request.Description = question;
        request = await requests.CreateAsync(request, cancellationToken);
        if (request.Messages.Count == 0)
        {
            await requests.AddMessageAsync(request, MessageKind.Customer, question, context.Account?.Id, name, "first-" + flow.Id.ToString("N"), cancellationToken: cancellationToken);
        }

        if (flow.EscalatedAt is null)
        {
            await flows.MarkEscalatedAsync(flow, RequestChannel.Chat, request.Id, cancellationToken);
        }

        return request;
    }

    /// <summary>A reference code to read out on the phone, so that the operator who answers can open the context.</summary>
    public async Task<SupportRequest> CreatePhoneReferenceAsync(HttpContext http, ContactFlow flow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(flow);
        var context = await contexts.BuildAsync(http, flow, null, cancellationToken: cancellationToken);
        var request = NewRequest(flow, context, RequestChannel.Phone, IdempotencyKey(http, "phone:" + flow.Id.ToString("N")));
        request.Description = string.IsNullOrWhiteSpace(flow.Question) ? "-" : flow.Question;
        request = await requests.CreateAsync(request, cancellationToken);
        if (flow.EscalatedAt is null)
        {
            await flows.MarkEscalatedAsync(flow, RequestChannel.Phone, request.Id, cancellationToken);
        }

        return request;
    }

    /// <summary>A new request from a flow: what every channel shares (topic, language, account, context, idempotency key).
    /// Chat and phone references have no address typed: the signed-in account's, or "-".</summary>
    private static SupportRequest NewRequest(ContactFlow flow, RequestContext context, RequestChannel channel, string idempotencyKey) => new()
    {
        Reference = "",
        Channel = channel,
        Priority = RequestPriority.Normal,
        Status = RequestStatus.New,
        Topic = flow.Topic ?? "other",
        Language = flow.Language,
        UserId = context.Account?.Id,
        Email = context.Account?.Email ?? "-",
        Description = "-",
        FlowId = flow.Id,
        IdempotencyKey = idempotencyKey,
        SystemContextJson = RequestContext.Serialize(context),
    };

    /// <summary>Scoped to the visitor: another browser replaying the same submission id cannot reach this request.</summary>
    private static string IdempotencyKey(HttpContext http, string submissionId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(VisitorCookie.GetOrCreate(http) + "\n" + submissionId)));
}
