using HelpCenter.Accounts;
using HelpCenter.Chat;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Agent.Chats;

/// <summary>
/// The operator console: presence and languages, the waiting queue (claim), and the operator's chats side by side.
/// With JavaScript the queue and new panels are fetched as fragments when the hub says something changed;
/// without, every action is a form and the page reloads.
/// </summary>
public sealed class IndexModel(ChatQueue queue, CannedReplies canned, RequestService requests, HelpCenterDbContext db, UserManager<ApplicationUser> users,
    Microsoft.Extensions.Options.IOptions<ChatOptions> options, Microsoft.Extensions.Localization.IStringLocalizer<Localization.SharedResource> localizer) : PageModel
{
    public int MaxChats => options.Value.MaxConcurrentChats;

    public AgentPresence Presence { get; private set; } = default!;

    public IReadOnlyList<SupportRequest> Waiting { get; private set; } = [];

    public IReadOnlyList<ChatPanel> Panels { get; private set; } = [];

    public IReadOnlyList<OperatorLoad> Operators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var agent = await CurrentAsync();
        Presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, null, null, cancellationToken);
        DisplayName = agent.DisplayName;
        await LoadAsync(agent, cancellationToken);
    }

    /// <summary>The queue as a fragment, for the console script.</summary>
    public async Task<IActionResult> OnGetQueueAsync(CancellationToken cancellationToken)
    {
        Waiting = await queue.WaitingAsync(cancellationToken);
        return Partial("_Queue", this);
    }

    /// <summary>One chat panel as a fragment, for the console script when a chat is assigned.</summary>
    public async Task<IActionResult> OnGetPanelAsync(string reference, CancellationToken cancellationToken)
    {
        var agent = await CurrentAsync();
        if (reference is not { Length: <= 32 } || await requests.FindAsync(reference, cancellationToken) is not { Channel: RequestChannel.Chat } request)
        {
            return NotFound();
        }

        Operators = await queue.OperatorsAsync(cancellationToken);
        return Partial("_ChatPanel", PanelFor(request, agent));
    }

    /// <summary>The name customers see (also in canned replies), typed as the operator wants it; empty keeps the current one.</summary>
    public string? DisplayName { get; private set; }

    public async Task<IActionResult> OnPostPresenceAsync(PresenceStatus status, string[]? languages, string? displayName, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status) || languages is { Length: > 3 })
        {
            return BadRequest();
        }

        var agent = await CurrentAsync();
        var name = string.IsNullOrWhiteSpace(displayName) ? null : Infrastructure.PlainText.SingleLine(displayName);
        if (name is { Length: > ApplicationUser.DisplayNameMaxLength })
        {
            ModelState.AddModelError("displayName", localizer["Validation.TooLong"]);
            Presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, null, null, cancellationToken);
            DisplayName = displayName;
            await LoadAsync(agent, cancellationToken);
            return Page();
        }

        if (name is not null && name != agent.DisplayName)
        {
            agent.DisplayName = name;
            await users.UpdateAsync(agent);
        }

        await queue.ReportPresenceAsync(agent.Id, agent.ShownName, status, languages ?? [], cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostClaimAsync(string reference, CancellationToken cancellationToken)
    {
        var agent = await CurrentAsync();
        if (await FindChatAsync(reference, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        var presence = await queue.ReportPresenceAsync(agent.Id, agent.ShownName, null, null, cancellationToken);
        var result = await queue.ClaimAsync(request, presence, cancellationToken);
        await queue.NotifyQueueAsync();
        TempData["Status"] = "Console.Claim." + result;
        return RedirectToPage();
    }

    /// <summary>To another operator (<paramref name="to"/> = their id) or back to the queue in a language (<c>lang:en</c>).</summary>
    public async Task<IActionResult> OnPostTransferAsync(string reference, string to, string? returnUrl, CancellationToken cancellationToken)
    {
        var agent = await CurrentAsync();
        if (await FindChatAsync(reference, cancellationToken) is not { } request || request.Status == RequestStatus.Solved)
        {
            return NotFound();
        }

        var language = to?.StartsWith("lang:", StringComparison.Ordinal) == true ? to["lang:".Length..] : null;
        var operators = await queue.OperatorsAsync(cancellationToken);
        if (language is not null ? !ChatQueue.Languages.Contains(language) : operators.All(o => o.Presence.UserId != to))
        {
            return BadRequest();
        }

        await queue.TransferAsync(request, language is null ? to : null, language, agent.ShownName, cancellationToken);
        TempData["Status"] = "Console.Transferred";
        return LocalRedirect(SafeReturn(returnUrl));
    }

    public async Task<IActionResult> OnPostCloseAsync(string reference, string resolution, string? returnUrl, CancellationToken cancellationToken)
    {
        var agent = await CurrentAsync();
        if (await FindChatAsync(reference, cancellationToken) is not { } request)
        {
            return NotFound();
        }

        if (!ChatResolutions.ForOperators.Contains(resolution))
        {
            return BadRequest();
        }

        await queue.CloseAsync(request, resolution, agent.Id, agent.ShownName, cancellationToken);
        TempData["Status"] = "Console.Closed";
        return LocalRedirect(SafeReturn(returnUrl));
    }

    public ChatPanel PanelFor(SupportRequest request, ApplicationUser agent) => new(
        request,
        RequestContext.Deserialize(request.SystemContextJson),
        canned.For(request, agent.ShownName),
        Operators,
        agent.Id,
        "/agent/chats");

    private async Task LoadAsync(ApplicationUser agent, CancellationToken cancellationToken)
    {
        Waiting = await queue.WaitingAsync(cancellationToken);
        Operators = await queue.OperatorsAsync(cancellationToken);
        var mine = await db.Requests.AsNoTracking().Include(r => r.Messages.OrderBy(m => m.Sequence))
            .Where(r => r.Channel == RequestChannel.Chat && r.Status != RequestStatus.Solved && r.AssignedToId == agent.Id)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        Panels = mine.Select(r => PanelFor(r, agent)).ToList();
    }

    private async Task<SupportRequest?> FindChatAsync(string? reference, CancellationToken cancellationToken) =>
        reference is { Length: > 0 and <= 32 } && await requests.FindAsync(reference, cancellationToken) is { Channel: RequestChannel.Chat } request ? request : null;

    private async Task<ApplicationUser> CurrentAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The Agent policy admitted a user who does not exist.");

    private static string SafeReturn(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 200 } && returnUrl.StartsWith("/agent/", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/agent/chats";
}
