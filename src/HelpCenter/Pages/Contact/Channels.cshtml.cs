using HelpCenter.Contact;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Contact;

/// <summary>Step 2: the channels that are open now, each with its expected response time; a phone reference code.</summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
public sealed class ChannelsModel(ContactFlowService flows, ChannelHours hours, ContactRequests contact) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Flow { get; set; }

    public IReadOnlyList<ChannelStatus> Channels { get; private set; } = [];

    /// <summary>Shown after "Get a reference code": the customer reads it out on the phone.</summary>
    [TempData]
    public string? PhoneReference { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is null)
        {
            return Redirect("/contact");
        }

        Channels = [hours.Status(Channel.Chat), hours.Status(Channel.Email), hours.Status(Channel.Callback), hours.Status(Channel.Phone)];
        return Page();
    }

    public async Task<IActionResult> OnPostPhoneAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return Redirect("/contact");
        }

        var request = await contact.CreatePhoneReferenceAsync(HttpContext, flow, cancellationToken);
        PhoneReference = request.Reference;
        return RedirectToPage(new { flow = Flow });
    }
}
