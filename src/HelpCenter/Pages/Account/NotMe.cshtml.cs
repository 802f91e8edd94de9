using HelpCenter.Accounts;
using HelpCenter.Contact;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Pages.Account;

/// <summary>
/// "This wasn't me" from the new-sign-in mail. The link itself is the proof (signed, 7 days, once): no password and
/// no sign-in, since whoever signed in may have changed the password already. Opening it only explains (mail
/// scanners open links); one button freezes the help-center account, ends every session, files a high-priority
/// security report and shows what happens next.
/// </summary>
[EnableRateLimiting(AccountsExtensions.SignInPolicy)]
public sealed class NotMeModel(
    UserManager<ApplicationUser> users,
    HelpCenterSignInManager signIn,
    AccountMail mail,
    HelpCenterDbContext db,
    SecurityReports reports,
    RequestContextBuilder contextBuilder,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Used { get; private set; }

    public SignInRecord? Record { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is { } found)
        {
            Valid = true;
            Record = found.Record;
            Used = found.Record.ReportedAt is not null;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not var (user, record))
        {
            return Page();
        }

        Valid = true;
        Record = record;

        // Once: a conditional update decides, so two clicks (or a replay after an operator unfroze) do nothing more.
        var now = clock.GetUtcNow();
        var claimed = await db.SignIns.Where(r => r.Id == record.Id && r.ReportedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportedAt, now), cancellationToken);
        if (claimed == 0)
        {
            Used = true;
            return Page();
        }

        var context = await contextBuilder.BuildAsync(HttpContext, flow: null, browserTimeZone: null, account: user, signInCount: 20, cancellationToken);
        var description = $"\"This wasn't me\" from the new-sign-in mail: sign-in #{record.Id} at {record.At:u} from {record.IpAddress}";
        var request = await reports.ReportAsync(user, SecurityReports.Takeover, description, context, removePasskeys: true, cancellationToken);
        if (User.Identity?.IsAuthenticated == true)
        {
            await signIn.SignOutAsync();
        }

        return RedirectToPage("/Account/SecurityReported", new { reference = request.Reference, kind = SecurityReports.Takeover });
    }

    private async Task<(ApplicationUser User, SignInRecord Record)?> FindAsync(CancellationToken cancellationToken)
    {
        if (mail.ReadNotMeToken(Token) is not { } token || await users.FindByIdAsync(token.UserId) is not { } user)
        {
            return null;
        }

        var record = await db.SignIns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == token.SignInId && r.UserId == user.Id, cancellationToken);
        return record is null ? null : (user, record);
    }
}
