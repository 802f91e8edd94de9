using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Localization;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Pages.Contact;

/// <summary>Step 3: an email request or a phone-callback request, with the flow's context attached on the server.</summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = 20 * 1024 * 1024)]
[RequestSizeLimit(21 * 1024 * 1024)]
public sealed class RequestModel(ContactFlowService flows, ContactRequests contact, RequestService requests, ScreenshotStore screenshots,
    UserManager<ApplicationUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly IReadOnlyList<string> Windows = ["any", "morning", "afternoon", "evening"];

    [FromRoute]
    public string Channel { get; set; } = "email";

    [BindProperty(SupportsGet = true)]
    public string? Flow { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Up to three images; checked by content, re-encoded and stored outside the web root.</summary>
    [BindProperty]
    public List<IFormFile> Screenshots { get; set; } = [];

    public int MaxScreenshots => screenshots.MaxCount;

    public bool IsCallback => Channel == "callback";

    /// <summary>The languages callbacks are made in: the contact article (content/*/other/contact-hours.md) says Japanese
    /// only, and the form offers no more than it says.</summary>
    public static readonly IReadOnlyList<string> CallbackLanguages = ["ja"];

    public sealed class InputModel
    {
        [StringLength(100, ErrorMessage = "Validation.TooLong")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Validation.Required"), Mail.MailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [StringLength(40, ErrorMessage = "Validation.TooLong")]
        public string? AccountNumber { get; set; }

        [StringLength(2000, ErrorMessage = "Validation.TooLong")]
        public string? TransactionIds { get; set; }

        [Required(ErrorMessage = "Validation.Required"), StringLength(SupportRequest.DescriptionMaxLength, ErrorMessage = "Validation.TooLong")]
        public string Description { get; set; } = "";

        [StringLength(40, ErrorMessage = "Validation.TooLong")]
        public string? Phone { get; set; }

        public string? CallbackWindow { get; set; }

        public string? CallbackLanguage { get; set; }

        /// <summary>Filled in by contact.js from the browser (Intl API); checked on the server.</summary>
        public string? TimeZone { get; set; }

        /// <summary>Generated when the form is shown: a double click or a retry submits the same id.</summary>
        [Required, StringLength(36, MinimumLength = 32)]
        public string SubmissionId { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        Input.Description = flow.Question ?? "";
        Input.SubmissionId = Guid.NewGuid().ToString("N");
        Input.CallbackLanguage = CallbackLanguages.Contains(Languages.Current) ? Languages.Current : CallbackLanguages[0];
        Input.CallbackWindow = "any";
        if (await users.GetUserAsync(User) is { } user)
        {
            Input.Email = user.Email!;
            Input.Name = user.DisplayName;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        string? account = null;
        if (!string.IsNullOrWhiteSpace(Input.AccountNumber) && !ContactValidation.TryNormalizeAccountNumber(Input.AccountNumber, out account))
        {
            ModelState.AddModelError("Input.AccountNumber", localizer["Contact.AccountNumberInvalid"]);
        }

        var ids = ContactValidation.ParseIds(Input.TransactionIds ?? "", out var invalid);
        if (invalid.Count > 0)
        {
            ModelState.AddModelError("Input.TransactionIds", localizer["Contact.IdsInvalid", string.Join(", ", invalid)]);
        }

        string? phone = null;
        if (IsCallback)
        {
            if (string.IsNullOrWhiteSpace(Input.Phone) || !ContactValidation.TryNormalizePhone(Input.Phone, out phone))
            {
                ModelState.AddModelError("Input.Phone", localizer[string.IsNullOrWhiteSpace(Input.Phone) ? "Validation.Required" : "Contact.PhoneInvalid"]);
            }

            if (!Windows.Contains(Input.CallbackWindow))
            {
                ModelState.AddModelError("Input.CallbackWindow", localizer["Validation.Required"]);
            }

            if (!CallbackLanguages.Contains(Input.CallbackLanguage))
            {
                ModelState.AddModelError("Input.CallbackLanguage", localizer["Contact.CallbackLanguageOnly"]);
            }
        }

        if (Screenshots.Count > screenshots.MaxCount)
        {
            ModelState.AddModelError(nameof(Screenshots), localizer["Contact.TooManyScreenshots", screenshots.MaxCount]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Files are stored only once everything else is valid; a rejected file names itself and keeps the typed text.
        var stored = new List<StoredScreenshot>();
        foreach (var file in Screenshots)
        {
            await using var stream = file.OpenReadStream();
            var result = await screenshots.SaveAsync(stream, file.FileName, cancellationToken);
            if (result.Screenshot is null)
            {
                ModelState.AddModelError(nameof(Screenshots), localizer["Contact.Screenshot." + result.Error, Path.GetFileName(file.FileName)]);
                return Page();
            }

            stored.Add(result.Screenshot);
        }

        var (request, mailFailed) = await contact.CreateAsync(HttpContext, flow, new ContactRequests.Submission
        {
            Channel = IsCallback ? RequestChannel.Callback : RequestChannel.Email,
            Email = Input.Email.Trim(),
            Name = string.IsNullOrWhiteSpace(Input.Name) ? null : Input.Name.Trim(),
            Description = Input.Description.Trim(),
            AccountNumber = account,
            TransactionIds = ids,
            Phone = phone,
            CallbackWindow = IsCallback ? Input.CallbackWindow : null,
            Language = IsCallback ? Input.CallbackLanguage! : Languages.Current,
            BrowserTimeZone = Input.TimeZone,
            SubmissionId = Input.SubmissionId,
            Screenshots = stored,
        }, cancellationToken);

        // The request is stored whatever happened to the mail; the page says which.
        TempData["Status"] = mailFailed ? "Request.NotMailed" : "Contact.Received";
        return LocalRedirect(new Uri(requests.PrivateLink(request)).PathAndQuery);
    }
}
