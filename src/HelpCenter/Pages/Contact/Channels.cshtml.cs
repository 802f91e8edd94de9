using HelpCenter.Contact;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpCenter.Pages.Contact;

/// <summary>Step 2: the channels that are open now, each with its expected response time; a phone reference code.</summary>
[EnableRateLimiting(Infrastructure.RateLimitOptions.PublicFormPolicy)]
public sealed class ChannelsModel(ContactFlowService flows, ChannelHours hours, ContactRequests contact, HelpCenter.Chat.ChatAccess chatAccess,
    HelpCenter.Chat.ChatQueue chatQueue, HelpCenter.Articles.ContentStore content) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Flow { get; set; }

    public IReadOnlyList<ChannelStatus> Channels { get; private set; } = [];

    /// <summary>Operators online for the flow's language, with free slots and the wait, shown before the customer commits.</summary>
    public HelpCenter.Chat.ChatAvailability Chat { get; private set; } = new(0, 0, 0, null);

    /// <summary>Shown after "Get a reference code": the customer reads it out on the phone.</summary>
    [TempData]
    public string? PhoneReference { get; set; }

    public async Task<IActionResult> OnGetAsync(string? q, string? topic, CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        // "I still need help" submits the question form, so what was typed travels even if no suggestion was asked for.
        await flows.SaveQuestionAsync(flow, content.Current.FindCategory(topic ?? "")?.Id, q, cancellationToken);

        Chat = await chatQueue.AvailabilityAsync(flow.Language, cancellationToken);
        Channels = [.. ContactOptions.Channels.Select(hours.Status)];
        if (!Chat.Available)
        {
            // Nobody can chat in this language now: email and callback come first (they carry the question too).
            Channels = [.. Channels.OrderBy(c => c.Channel == RequestChannel.Chat)];
        }

        return Page();
    }

    /// <summary>Starts a live chat whose first message is the question already typed.</summary>
    public async Task<IActionResult> OnPostChatAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow || !hours.Status(RequestChannel.Chat).IsOpen)
        {
            return RedirectToPage("/Contact/Index");
        }

        var request = await contact.CreateChatAsync(HttpContext, flow, null, cancellationToken);
        await chatQueue.StartAsync(request, cancellationToken);
        if (request.UserId is null)
        {
            // A signed-in customer's account is the grant: a cookie would outlive the sign-in (logout, freeze).
            chatAccess.Grant(Response, request.Reference, Request.IsHttps);
        }

        return RedirectToPage("/Chat/Show", new { reference = request.Reference });
    }

    public async Task<IActionResult> OnPostPhoneAsync(CancellationToken cancellationToken)
    {
        if (await flows.FindAsync(Flow, HttpContext, cancellationToken) is not { } flow)
        {
            return RedirectToPage("/Contact/Index");
        }

        var request = await contact.CreatePhoneReferenceAsync(HttpContext, flow, cancellationToken);
        PhoneReference = request.Reference;
        return RedirectToPage(new { flow = Flow });
    }
}
