using System.ComponentModel.DataAnnotations;
using HelpCenter.Infrastructure;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Requests;

/// <summary>
/// A request as its customer sees it (never internal notes): for the signed-in owner, or for anyone holding the
/// private link from the confirmation mail. Anyone else gets a 404, so references cannot be probed.
/// </summary>
[EnableRateLimiting(RateLimitOptions.PublicFormPolicy)]
public sealed class ShowModel(RequestService requests, UserManager<Accounts.ApplicationUser> users) : PageModel
{
    [FromRoute]
    public string Reference { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    public SupportRequest Item { get; private set; } = default!;

    public IReadOnlyList<RequestMessage> Visible { get; private set; } = [];

    /// <summary>The request belongs to a frozen account: it is read, never answered, whichever link opened it.</summary>
    public bool ReadOnly { get; private set; }

    [BindProperty]
    public ReplyInput Input { get; set; } = new();

    public sealed class ReplyInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(RequestMessage.BodyMaxLength, ErrorMessage = "Validation.TooLong")]
        public string Body { get; set; } = "";
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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // An ended chat is a record: the private link reads it, nobody reopens it.
        if (Item.IsEndedChat)
        {
            return RedirectToPage(new { reference = Reference, key = Key });
        }

        // A frozen account's requests are read-only everywhere: the mailed link must not let anyone holding it write
        // in the customer's name while the account is frozen.
        if (ReadOnly)
        {
            return RedirectToPage(new { reference = Reference, key = Key });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await requests.AddMessageAsync(Item, MessageKind.Customer, Input.Body.Trim(), users.GetUserId(User), Item.Name, cancellationToken: cancellationToken);
        TempData["Status"] = "MyRequests.ReplySent";
        return RedirectToPage(new { reference = Reference, key = Key });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (Reference.Length > 32 || await requests.FindAsync(Reference, cancellationToken) is not { } request)
        {
            return false;
        }

        var owner = request.UserId is not null && request.UserId == users.GetUserId(User);
        if (!owner && !requests.IsValidKey(request.Reference, Key))
        {
            return false;
        }

        Item = request;
        ReadOnly = request.UserId is not null && await users.FindByIdAsync(request.UserId) is { IsFrozen: true };
        Visible = request.Messages.Where(m => m.Kind != MessageKind.Note).ToList();
        return true;
    }
}
