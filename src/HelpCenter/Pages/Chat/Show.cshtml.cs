using System.ComponentModel.DataAnnotations;
using HelpCenter.Chat;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace HelpCenter.Pages.Chat;

/// <summary>
/// The customer's side of a live chat. With JavaScript, messages go through the hub; without, through this form.
/// If nobody answers, "continue by email" keeps the conversation and answers by mail instead.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
public sealed class ShowModel(RequestService requests, ChatAccess access, ChatQueue queue, ContactFlowService flows, HelpCenter.Infrastructure.Data.HelpCenterDbContext db,
    HelpCenter.Contact.ScreenshotStore images, IHubContext<ChatHub, IChatClient> hub, ChatTranscripts transcripts, ChatFloodGuard flood,
    Microsoft.AspNetCore.Identity.UserManager<HelpCenter.Accounts.ApplicationUser> users,
    Microsoft.Extensions.Localization.IStringLocalizer<HelpCenter.Localization.SharedResource> localizer) : PageModel
{
    [FromRoute]
    public string Reference { get; set; } = "";

    public SupportRequest Item { get; private set; } = default!;

    public IReadOnlyList<RequestMessage> Visible { get; private set; } = [];

    /// <summary>The signed-in owner, or the browser of an account-less chat that has not ended: may read the
    /// conversation. After the end the browser's token shows the end page only (survey, transcript by link).</summary>
    public bool CanRead { get; private set; }

    /// <summary>Signed in as the chat's owner: the transcript goes to the account's own address.</summary>
    public bool IsOwner { get; private set; }

    public ChatStatus Status { get; private set; } = default!;

    /// <summary>Articles offered before the chat joins the queue (only while <see cref="ChatStatus.Stage"/> is "offered").</summary>
    public IReadOnlyList<HelpCenter.Search.SearchHit> Suggestions { get; private set; } = [];

    [BindProperty]
    public MessageInput Input { get; set; } = new();

    [BindProperty]
    public EmailInput Continue { get; set; } = new();

    [BindProperty]
    public EmailInput Transcript { get; set; } = new();

    /// <summary>An image for the operator (same checks as screenshots on the contact form).</summary>
    [BindProperty]
    public IFormFile? Image { get; set; }

    /// <summary>Images one chat may carry.</summary>
    public const int MaxImages = 10;

    [BindProperty]
    public SurveyInput Survey { get; set; } = new();

    public sealed class SurveyInput
    {
        [Required(ErrorMessage = "Chat.SurveyRatingRequired"), Range(1, 5, ErrorMessage = "Chat.SurveyRatingRequired")]
        public int? Rating { get; set; }

        public bool? Solved { get; set; }

        [StringLength(1000, ErrorMessage = "Validation.TooLong")]
        public string? Comment { get; set; }
    }

    public sealed class MessageInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(ChatHub.MaxTextLength, ErrorMessage = "Validation.TooLong")]
        public string Text { get; set; } = "";

        [Required, RegularExpression("^[A-Za-z0-9_-]{8,64}$")]
        public string ClientId { get; set; } = "";
    }

    public sealed class EmailInput
    {
        [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
        public string Email { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input.ClientId = Guid.NewGuid().ToString("N");
        Transcript.Email = Item.Email is "-" ? User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "" : Item.Email;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ValidateOnly("Input.");
        if (!ModelState.IsValid || Item.Status == RequestStatus.Solved)
        {
            return Page();
        }

        // The same limit as through the hub: per conversation and per sender, not per connection or form.
        if (!flood.TryAcquire(Item.Reference, agent: false, User, HttpContext))
        {
            ModelState.AddModelError("Input.Text", localizer["Chat.TooManyMessages"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var message = await requests.AddMessageAsync(Item, MessageKind.Customer, Input.Text, Item.UserId, Item.Name, Input.ClientId, cancellationToken: cancellationToken);

        // Sent by form (no JavaScript): the operator's open panel hears of it like of one sent through the hub.
        await hub.Clients.AnnounceAsync(Item.Reference, message);
        await queue.EnqueueAsync(Item, cancellationToken);
        return Redirect("/chat/" + Item.Reference);
    }


    /// <summary>Sends an image: checked, re-encoded and stored like contact screenshots, then announced to both sides.</summary>
    public async Task<IActionResult> OnPostImageAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ValidateOnly("Image");
        if (Item.Status == RequestStatus.Solved)
        {
            return Redirect("/chat/" + Item.Reference);
        }

        if (Image is null || Image.Length == 0)
        {
            ModelState.AddModelError(nameof(Image), localizer["Validation.Required"]);
            return Page();
        }

        if (Item.Screenshots.Count >= MaxImages)
        {
            ModelState.AddModelError(nameof(Image), localizer["Contact.TooManyScreenshots", MaxImages]);
            return Page();
        }

        await using var stream = Image.OpenReadStream();
        var fileName = Path.GetFileName(Image.FileName);
        var result = await images.SaveAsync(stream, fileName, cancellationToken);
        if (result.Screenshot is not { } stored)
        {
            ModelState.AddModelError(nameof(Image), localizer["Contact.Screenshot." + result.Error, fileName]);
            return Page();
        }

        Item.ScreenshotsJson = System.Text.Json.JsonSerializer.Serialize(Item.Screenshots.Append(stored).ToList());
        var message = await requests.AddMessageAsync(Item, MessageKind.Customer, stored.OriginalFileName, Item.UserId, Item.Name,
            "image-" + stored.Id, stored.Id, cancellationToken);
        await hub.Clients.AnnounceAsync(Item.Reference, message);
        await queue.EnqueueAsync(Item, cancellationToken);
        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>An image of this chat, for its customer; served like the operators' copy (sandboxed, not cached).</summary>
    public async Task<IActionResult> OnGetImageAsync(string? id, CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) && CanRead && images.Serve(Item, id, Response) is { } image ? image : NotFound();

    /// <summary>The language to chat in (routes to operators who speak it), while no operator has the chat yet.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string? language, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (language is null || !ChatQueue.Languages.Contains(language))
        {
            return BadRequest();
        }

        if (Item.Status == RequestStatus.Solved)
        {
            return Redirect("/chat/" + Item.Reference);
        }

        await queue.ChangeLanguageAsync(Item, language, cancellationToken);
        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>"No, I want to talk to someone": the offer is declined and the chat joins the queue.</summary>
    public async Task<IActionResult> OnPostQueueAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status != RequestStatus.Solved)
        {
            await queue.EnqueueAsync(Item, cancellationToken);
        }

        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>"Yes, an article answered it": the chat ends before it reaches an operator, counted as deflected.</summary>
    public async Task<IActionResult> OnPostSolvedAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.QueuedAt is null && Item.Status != RequestStatus.Solved)
        {
            if (Item.FlowId is { } flowId && await db.ContactFlows.FindAsync([flowId], cancellationToken) is { } flow)
            {
                await flows.MarkSolvedAsync(flow, slug is { Length: <= 200 } ? slug : null, cancellationToken);
            }

            await queue.CloseAsync(Item, ChatResolutions.SelfService, null, null, cancellationToken);
        }

        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>The satisfaction survey shown once the chat is closed; answered once.</summary>
    public async Task<IActionResult> OnPostSurveyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ValidateOnly("Survey.");
        if (Item.Status != RequestStatus.Solved || Item.SurveyRating is not null || Item.Resolution == ChatResolutions.SelfService)
        {
            return Redirect("/chat/" + Item.Reference);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await requests.SaveSurveyAsync(Item, Survey.Rating!.Value, Survey.Solved, Survey.Comment, cancellationToken);
        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>
    /// The transcript by mail, once the chat has ended and at most once an hour. The signed-in owner gets the
    /// conversation at the account's own address (whatever the form says); a browser without an account names an
    /// address and gets the private link only: the site never mails text a visitor wrote to an unproven address.
    /// </summary>
    public async Task<IActionResult> OnPostTranscriptAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status != RequestStatus.Solved)
        {
            return Redirect("/chat/" + Item.Reference);
        }

        ValidateOnly("Transcript.");
        var to = IsOwner ? (await users.FindByIdAsync(Item.UserId!))?.Email : Transcript.Email.Trim();
        if (IsOwner)
        {
            ModelState.Clear();
        }

        if (!ModelState.IsValid || to is null)
        {
            return Page();
        }

        if (!await requests.ClaimTranscriptMailAsync(Item, cancellationToken))
        {
            TempData["Status"] = "Chat.TranscriptAlreadySent";
            return Redirect("/chat/" + Item.Reference);
        }

        var sent = await transcripts.SendAsync(Item, to, verifiedAddress: IsOwner, cancellationToken);
        TempData["Status"] = !sent ? "Chat.TranscriptNotSent" : IsOwner ? "Chat.TranscriptSent" : "Chat.TranscriptLinkSent";
        return Redirect("/chat/" + Item.Reference);
    }

    /// <summary>Nobody answered: the conversation continues by mail, with everything said so far.</summary>
    public async Task<IActionResult> OnPostEmailAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        ValidateOnly("Continue.");
        if (Item.Status == RequestStatus.Solved)
        {
            return Redirect("/chat/" + Item.Reference);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var mailed = await requests.ContinueByEmailAsync(Item, Continue.Email.Trim(), cancellationToken);
        TempData["Status"] = mailed ? "Chat.ContinuedByEmail" : "Request.NotMailed";
        return Redirect(new Uri(requests.PrivateLink(Item)).PathAndQuery);
    }

    /// <summary>The page has two forms; each handler validates only its own fields. (The model binder files a form
    /// that was not posted under its bare field names, so the other form's errors are dropped by elimination.)</summary>
    private void ValidateOnly(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Reference.Length > 32 || await requests.FindAsync(Reference, cancellationToken) is not { } request
            || !(ChatAccess.IsOwner(request, User) || access.HoldsToken(request, HttpContext)))
        {
            return false;
        }

        Item = request;
        IsOwner = ChatAccess.IsOwner(request, User);
        CanRead = access.IsCustomerOf(request, User, HttpContext);
        Visible = CanRead ? request.Messages.Where(m => m.Kind != MessageKind.Note).OrderBy(m => m.Sequence).ToList() : [];
        Status = await queue.StatusAsync(request, cancellationToken);
        Suggestions = Status.Stage == "offered" ? queue.Suggestions(request) : [];
        return true;
    }
}
