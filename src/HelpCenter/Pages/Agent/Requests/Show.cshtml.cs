using System.ComponentModel.DataAnnotations;
using HelpCenter.Accounts;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using HelpCenter.Search;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Agent.Requests;

/// <summary>One request as an operator works on it: context timeline, conversation, reply, note, status, assignment.</summary>
public sealed class ShowModel(RequestService requests, UserManager<ApplicationUser> users, HelpCenterDbContext db, HelpCenter.Contact.ScreenshotStore screenshots,
    HelpCenter.Chat.ChatQueue queue, HelpCenter.Chat.CannedReplies canned, SearchService search) : PageModel
{
    [FromRoute]
    public string Reference { get; set; } = "";

    public SupportRequest Item { get; private set; } = default!;

    public RequestContext? Context { get; private set; }

    public IReadOnlyList<(string Id, string Email)> Agents { get; private set; } = [];

    public string? AssignedEmail { get; private set; }

    /// <summary>For a chat: the live panel (the same as on the console).</summary>
    public HelpCenter.Chat.ChatPanel? Panel { get; private set; }

    [BindProperty]
    public MessageInput Input { get; set; } = new();

    public sealed class MessageInput
    {
        [Required(ErrorMessage = "Validation.Required"), StringLength(RequestMessage.BodyMaxLength, ErrorMessage = "Validation.TooLong")]
        public string Body { get; set; } = "";
    }

    /// <summary>Words to find an article to send the customer (in the request's language).</summary>
    [BindProperty(SupportsGet = true)]
    [StringLength(200)]
    public string? Find { get; set; }

    /// <summary>The articles found for <see cref="Find"/>; null when nothing was asked.</summary>
    public IReadOnlyList<SearchHit>? Found { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!string.IsNullOrWhiteSpace(Find))
        {
            Found = search.Engine.Search(new SearchRequest(Find, Item.Language, Limit: 5)).Hits;
        }

        return Page();
    }

    /// <summary>A screenshot of this request (only ids listed on the request are served), sandboxed.</summary>
    public async Task<IActionResult> OnGetScreenshotAsync(string? id, CancellationToken cancellationToken)
    {
        return await LoadAsync(cancellationToken) && screenshots.Serve(Item, id, Response) is { } image ? image : NotFound();
    }

    public async Task<IActionResult> OnPostReplyAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var agent = await users.GetUserAsync(User);
        var reply = await requests.AddMessageAsync(Item, MessageKind.Agent, Input.Body.Trim(), agent?.Id, agent?.ShownName, cancellationToken: cancellationToken);
        Item.AssignedToId ??= agent?.Id;
        await db.SaveChangesAsync(cancellationToken);
        var mailed = await requests.SendReplyAsync(Item, reply, cancellationToken);
        TempData["Status"] = mailed ? "AgentRequest.ReplySent" : "AgentRequest.ReplyNotMailed";
        return RedirectToPage(new { reference = Reference });
    }

    public async Task<IActionResult> OnPostNoteAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var agent = await users.GetUserAsync(User);
        await requests.AddMessageAsync(Item, MessageKind.Note, Input.Body.Trim(), agent?.Id, agent?.ShownName, cancellationToken: cancellationToken);
        TempData["Status"] = "AgentRequest.NoteAdded";
        return RedirectToPage(new { reference = Reference });
    }

    public async Task<IActionResult> OnPostStatusAsync(RequestStatus status, string? assignee, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!Enum.IsDefined(status) || (assignee is { Length: > 0 } && Agents.All(a => a.Id != assignee)))
        {
            return BadRequest();
        }

        Item.Status = status;
        Item.AssignedToId = string.IsNullOrEmpty(assignee) ? null : assignee;
        Item.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Status"] = "Manage.Saved";
        return RedirectToPage(new { reference = Reference });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await requests.FindAsync(Reference, cancellationToken) is not { } request)
        {
            return false;
        }

        Item = request;
        Context = RequestContext.Deserialize(request.SystemContextJson);
        var staff = await users.GetUsersInRoleAsync(Roles.Agent);
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        Agents = staff.Concat(admins).DistinctBy(u => u.Id).OrderBy(u => u.Email, StringComparer.Ordinal).Select(u => (u.Id, u.Email!)).ToList();
        AssignedEmail = Agents.FirstOrDefault(a => a.Id == request.AssignedToId).Email;
        if (request.Channel == RequestChannel.Chat && await users.GetUserAsync(User) is { } agent)
        {
            Panel = new HelpCenter.Chat.ChatPanel(request, Context, canned.For(request, agent.ShownName),
                await queue.OperatorsAsync(cancellationToken), agent.Id, "/agent/requests/" + request.Reference);
        }

        return true;
    }
}
