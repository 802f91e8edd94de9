using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Contact;

/// <summary>Step 3: an email request or a phone-callback request, with the flow's context attached on the server.</summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = 20 * 1024 * 1024)]
[RequestSizeLimit(21 * 1024 * 1024)]
public sealed class RequestModel(ContactFlowService flows, RequestForm form, RequestService requests, UserManager<ApplicationUser> users) : PageModel
{
    [FromRoute]
    public string Channel { get; set; } = "email";

    [BindProperty(SupportsGet = true)]
    public string? Flow { get; set; }

    [BindProperty]
    public RequestForm.Input Input { get; set; } = new();

    /// <summary>Up to three images; checked by content, re-encoded and stored outside the web root.</summary>
    [BindProperty]
    public List<IFormFile> Screenshots { get; set; } = [];

    /// <summary>Screenshots attached to an earlier submission that was sent back: the form lists them and sends them again.</summary>
    public IReadOnlyList<PendingScreenshot> Attached { get; private set; } = [];

    public int MaxScreenshots => form.MaxScreenshots;

    public bool IsCallback => Channel == "callback";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        Input = RequestForm.Start(flow, await users.GetUserAsync(User));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        var outcome = await form.SubmitAsync(HttpContext, flow, IsCallback, Input, Screenshots, ModelState.IsValid, cancellationToken);
        if (outcome.Request is not { } request)
        {
            foreach (var (field, message) in outcome.Errors)
            {
                ModelState.AddModelError(field, message);
            }

            Attached = outcome.Attached;
            return Page();
        }

        // The request is stored whatever happened to the mail; the page says which.
        TempData["Status"] = outcome.MailFailed ? "Request.NotMailed" : "Contact.Received";
        return LocalRedirect(new Uri(requests.PrivateLink(request)).PathAndQuery);
    }
}
