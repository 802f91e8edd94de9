using System.ComponentModel.DataAnnotations;
using HelpCenter.Localization;
using HelpCenter.Requests;
using Microsoft.Extensions.Localization;

namespace HelpCenter.Contact;

/// <summary>
/// The email and callback forms of the contact flow (Pages/Contact/Request): checks what DataAnnotations cannot,
/// keeps attached screenshots across a rejected submission (<see cref="PendingScreenshots"/>), and turns a valid one
/// into a request.
/// </summary>
public sealed class RequestForm(ContactRequests contact, PendingScreenshots pending, ScreenshotStore screenshots, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The field the screenshot errors belong to (the file input's name).</summary>
    public const string ScreenshotsField = "Screenshots";

    public static readonly IReadOnlyList<string> Windows = ["any", "morning", "afternoon", "evening"];

    /// <summary>The languages callbacks are made in: the contact article (content/*/other/contact-hours.md) says Japanese
    /// only, and the form offers no more than it says.</summary>
    public static readonly IReadOnlyList<string> CallbackLanguages = ["ja"];

    public int MaxScreenshots => screenshots.MaxCount;

    public sealed class Input
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

        /// <summary>Tokens of screenshots attached to an earlier, rejected submission of this form (hidden fields).</summary>
        public List<string> PendingScreenshots { get; set; } = [];

        /// <summary>Tokens of those the customer ticked to remove.</summary>
        public List<string> RemoveScreenshots { get; set; } = [];
    }

    /// <summary>The request when one was created; otherwise the errors to show and the screenshots the form carries on.</summary>
    public sealed record Outcome(SupportRequest? Request, bool MailFailed, IReadOnlyList<PendingScreenshot> Attached, IReadOnlyList<KeyValuePair<string, string>> Errors);

    /// <summary>A file size as people read it: 850 B, 12.3 KB, 1.2 MB.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024d * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>A new form: the flow's question, the signed-in customer's address and name.</summary>
    public static Input Start(ContactFlow flow, Accounts.ApplicationUser? user)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new Input
        {
            Description = flow.Question ?? "",
            SubmissionId = Guid.NewGuid().ToString("N"),
            CallbackLanguage = CallbackLanguages.Contains(Languages.Current) ? Languages.Current : CallbackLanguages[0],
            CallbackWindow = "any",
            Email = user?.Email ?? "",
            Name = user?.DisplayName,
        };
    }

    /// <param name="valid">Whether the input passed its DataAnnotations.</param>
    public async Task<Outcome> SubmitAsync(HttpContext http, ContactFlow flow, bool callback, Input input, IReadOnlyList<IFormFile> files, bool valid,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(files);
        var errors = new List<KeyValuePair<string, string>>();
        void Error(string field, string message) => errors.Add(new(field, message));

        string? account = null;
        if (!string.IsNullOrWhiteSpace(input.AccountNumber) && !ContactValidation.TryNormalizeAccountNumber(input.AccountNumber, out account))
        {
            Error("Input.AccountNumber", localizer["Contact.AccountNumberInvalid"]);
        }

        var ids = ContactValidation.ParseIds(input.TransactionIds ?? "", out var invalid);
        if (invalid.Count > 0)
        {
            Error("Input.TransactionIds", localizer["Contact.IdsInvalid", string.Join(", ", invalid)]);
        }

        string? phone = null;
        if (callback)
        {
            if (string.IsNullOrWhiteSpace(input.Phone) || !ContactValidation.TryNormalizePhone(input.Phone, out phone))
            {
                Error("Input.Phone", localizer[string.IsNullOrWhiteSpace(input.Phone) ? "Validation.Required" : "Contact.PhoneInvalid"]);
            }

            if (!Windows.Contains(input.CallbackWindow))
            {
                Error("Input.CallbackWindow", localizer["Validation.Required"]);
            }

            if (!CallbackLanguages.Contains(input.CallbackLanguage))
            {
                Error("Input.CallbackLanguage", localizer["Contact.CallbackLanguageOnly"]);
            }
        }

        var attached = await AttachAsync(PendingScreenshots.Owner(http, flow), input, files, Error, cancellationToken);
        if (errors.Count > 0 || !valid)
        {
            return new Outcome(null, false, attached, errors);
        }

        var (request, mailFailed) = await contact.CreateAsync(http, flow, new ContactRequests.Submission
        {
            Channel = callback ? RequestChannel.Callback : RequestChannel.Email,
            Email = input.Email.Trim(),
            Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            Description = input.Description.Trim(),
            AccountNumber = account,
            TransactionIds = ids,
            Phone = phone,
            CallbackWindow = callback ? input.CallbackWindow : null,
            Language = callback ? input.CallbackLanguage! : Languages.Current,
            BrowserTimeZone = input.TimeZone,
            SubmissionId = input.SubmissionId,
            Screenshots = [.. attached.Select(pending.Commit)],
        }, cancellationToken);
        return new Outcome(request, mailFailed, [], []);
    }

    /// <summary>
    /// The screenshots of this submission: those carried from an earlier one (less the ones removed) and the new uploads,
    /// each checked and kept as pending, so that nothing attached is lost when another field sends the form back.
    /// </summary>
    private async Task<List<PendingScreenshot>> AttachAsync(string owner, Input input, IReadOnlyList<IFormFile> files, Action<string, string> error,
        CancellationToken cancellationToken)
    {
        var attached = new List<PendingScreenshot>();
        var lost = 0;
        foreach (var token in input.PendingScreenshots.Distinct(StringComparer.Ordinal).Take(screenshots.MaxCount + 1))
        {
            if (pending.Read(token, owner) is not { } carried)
            {
                // Expired, or not a reference this site made for this visitor's form: say so rather than drop it quietly.
                lost++;
            }
            else if (input.RemoveScreenshots.Contains(token, StringComparer.Ordinal))
            {
                pending.Discard(carried);
            }
            else
            {
                attached.Add(carried);
            }
        }

        if (lost > 0)
        {
            error(ScreenshotsField, localizer["Contact.ScreenshotLost", lost]);
        }

        var uploads = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (attached.Count + uploads.Count > screenshots.MaxCount)
        {
            error(ScreenshotsField, localizer["Contact.TooManyScreenshots", screenshots.MaxCount]);
            return attached;
        }

        foreach (var file in uploads)
        {
            await using var stream = file.OpenReadStream();
            var (kept, rejected) = await pending.AddAsync(stream, file.FileName, owner, cancellationToken);
            if (kept is null)
            {
                error(ScreenshotsField, localizer["Contact.Screenshot." + rejected, Path.GetFileName(file.FileName)]);
                continue;
            }

            attached.Add(kept);
        }

        return attached;
    }
}
