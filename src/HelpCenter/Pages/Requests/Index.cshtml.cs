using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Requests;

/// <summary>"My requests": the signed-in customer's requests, newest first, with the question's first line and the last
/// update. Only their own. A frozen account cannot sign in: the link mailed with its freeze report (signed, 30 days)
/// shows the same list read-only, each request through its private link.</summary>
public sealed class IndexModel(HelpCenterDbContext db, UserManager<Accounts.ApplicationUser> users, RequestService requests) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public IReadOnlyList<SupportRequest> Items { get; private set; } = [];

    /// <summary>Opened with the mailed link rather than a session: no replies, links carry each request's key.</summary>
    public bool ReadOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            // The link is for frozen accounts only: for an active one, signing in is the way (and a leaked link expires).
            if (requests.ReadAccountToken(Token) is not { } linked || await users.FindByIdAsync(linked) is not { IsFrozen: true })
            {
                return Token is null ? Challenge() : NotFound();
            }

            userId = linked;
            ReadOnly = true;
        }

        Response.Headers.CacheControl = "no-store";
        Items = await db.Requests.AsNoTracking().Where(r => r.UserId == userId).OrderByDescending(r => r.Id).Take(100).ToListAsync(cancellationToken);
        return Page();
    }

    public string LinkTo(SupportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ReadOnly)
        {
            return new Uri(requests.PrivateLink(request)).PathAndQuery;
        }

        return Url.Page(request.Channel == RequestChannel.Chat ? "/Chat/Show" : "/Requests/Show", new { reference = request.Reference })!;
    }

}
