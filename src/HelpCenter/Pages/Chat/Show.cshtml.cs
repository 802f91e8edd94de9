using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.Contact;
using HelpCenter.Localization;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Chat;

/// <summary>
/// The customer's side of a live chat. With JavaScript, messages go through the hub; without, through these forms.
/// Each form binds only its own input (a handler parameter), so one form's errors never come from another.
/// If nobody answers, "continue by email" keeps the conversation and answers by mail instead.
/// </summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
public sealed class ShowModel(RequestService requests, ChatAccess access, ChatQueue queue, CustomerChat chat, ScreenshotStore images,
    ChatTranscripts transcripts, ChatFloodGuard flood, UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
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

    /// <summary>Articles offered before the chat joins the queue (only while the stage is <see cref="ChatStage.Offered"/>).</summary>
    public IReadOnlyList<SearchHit> Suggestions { get; private set; } = [];

    // What each form shows: its input as typed when it was refused, else defaults.
    public MessageInput Input { get; private set; } = new();

    public EmailInput Continue { get; private set; } = new();

    public EmailInput Transcript { get; private set; } = new();

    public SurveyInput Survey { get; private set; } = new();

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

        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([Bind(Prefix = nameof(Input))] MessageInput input, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status == RequestStatus.Solved)
        {
            return Reload();
        }

        if (!ModelState.IsValid)
        {
            Input = input;
            return Page();
        }

        // The same limit as through the hub: per conversation and per sender, not per connection or form.
        if (!await flood.TryAcquireAsync(Item.Reference, agent: false, User, HttpContext))
        {
            Input = input;
            ModelState.AddModelError("Input.Text", localizer["Chat.TooManyMessages"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        await chat.SendAsync(Item, input.Text, input.ClientId, cancellationToken);
        return Reload();
    }

    public async Task<IActionResult> OnPostImageAsync(IFormFile? image, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status == RequestStatus.Solved)
        {
            return Reload();
        }

        if (image is null || image.Length == 0)
        {
            return ImageRefused(localizer["Validation.Required"]);
        }

        if (!CustomerChat.HasRoomForImage(Item))
        {
            return ImageRefused(localizer["Contact.TooManyScreenshots", CustomerChat.MaxImages]);
        }

        var fileName = Path.GetFileName(image.FileName);
        await using var stream = image.OpenReadStream();
        return await chat.SendImageAsync(Item, stream, fileName, cancellationToken) is { } error
            ? ImageRefused(localizer["Contact.Screenshot." + error, fileName])
            : Reload();
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
            return RedirectToPage(new { reference = Item.Reference });
        }

        await queue.ChangeLanguageAsync(Item, language, cancellationToken);
        return Reload();
    }

    public async Task<IActionResult> OnPostQueueAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await chat.DeclineOfferAsync(Item, cancellationToken);
        return Reload();
    }

    public async Task<IActionResult> OnPostSolvedAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await chat.SolvedByArticleAsync(Item, slug, cancellationToken);
        return Reload();
    }

    /// <summary>"End chat": the conversation ends and the survey is offered.</summary>
    public async Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (CanRead && Item.Status != RequestStatus.Solved)
        {
            await chat.EndAsync(Item, cancellationToken);
        }

        return Reload();
    }

    /// <summary>The satisfaction survey shown once the chat is closed; answered once.</summary>
    public async Task<IActionResult> OnPostSurveyAsync([Bind(Prefix = nameof(Survey))] SurveyInput survey, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status != RequestStatus.Solved || Item.SurveyRating is not null || Item.Resolution == ChatResolutions.SelfService)
        {
            return Reload();
        }

        if (!ModelState.IsValid)
        {
            Survey = survey;
            return Page();
        }

        await requests.SaveSurveyAsync(Item, survey.Rating!.Value, survey.Solved, survey.Comment, cancellationToken);
        return Reload();
    }

    /// <summary>
    /// The transcript by mail, once the chat has ended and at most once an hour. The signed-in owner gets the
    /// conversation at the account's own address (whatever the form says); a browser without an account names an
    /// address and gets the private link only: the site never mails text a visitor wrote to an unproven address.
    /// </summary>
    public async Task<IActionResult> OnPostTranscriptAsync([Bind(Prefix = nameof(Transcript))] EmailInput transcript, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status != RequestStatus.Solved)
        {
            return Reload();
        }

        var to = IsOwner ? (await users.FindByIdAsync(Item.UserId!))?.Email : transcript.Email.Trim();
        if (IsOwner)
        {
            ModelState.Clear();
        }

        if (!ModelState.IsValid || to is null)
        {
            Transcript = transcript;
            return Page();
        }

        if (!await requests.ClaimTranscriptMailAsync(Item, cancellationToken))
        {
            TempData["Status"] = "Chat.TranscriptAlreadySent";
            return Reload();
        }

        var sent = await transcripts.SendAsync(Item, to, verifiedAddress: IsOwner, cancellationToken);
        TempData["Status"] = !sent ? "Chat.TranscriptNotSent" : IsOwner ? "Chat.TranscriptSent" : "Chat.TranscriptLinkSent";
        return Reload();
    }

    /// <summary>Nobody answered: the conversation continues by mail, with everything said so far.</summary>
    public async Task<IActionResult> OnPostEmailAsync([Bind(Prefix = nameof(Continue))] EmailInput email, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Item.Status == RequestStatus.Solved)
        {
            return Reload();
        }

        if (!ModelState.IsValid)
        {
            Continue = email;
            return Page();
        }

        var mailed = await requests.ContinueByEmailAsync(Item, email.Email.Trim(), cancellationToken);
        TempData["Status"] = mailed ? "Chat.ContinuedByEmail" : "Request.NotMailed";
        return LocalRedirect(new Uri(requests.PrivateLink(Item)).PathAndQuery);
    }

    private RedirectToPageResult Reload() => RedirectToPage(new { reference = Item.Reference });

    private PageResult ImageRefused(string message)
    {
        ModelState.AddModelError("Image", message);
        return Page();
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
        Suggestions = Status.Stage == ChatStage.Offered ? await queue.SuggestionsAsync(request, cancellationToken) : [];
        Input.ClientId = Guid.NewGuid().ToString("N");
        Transcript.Email = Item.Email is "-" ? User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "" : Item.Email;
        return true;
    }
}
