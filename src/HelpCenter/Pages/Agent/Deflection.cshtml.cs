using HelpCenter.Contact;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Pages.Agent;

/// <summary>The deflection funnel for support leads, by day and topic, over the last 30 days.</summary>
public sealed class DeflectionModel(DeflectionReport reports) : PageModel
{
    public const int Days = 30;

    public DeflectionReport.Report Report { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Report = await reports.BuildAsync(Days, cancellationToken);
}
