using HelpCenter.Chat;
using HelpCenter.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HelpCenter.Pages.Admin;

/// <summary>Supervisors' view of live chat: queue length and waiting times per language, and each operator's load.</summary>
public sealed class ChatsModel(ChatQueue queue, TimeProvider clock, IOptions<ChatOptions> options) : PageModel
{
    public IReadOnlyList<LanguageQueue> Languages { get; private set; } = [];

    public IReadOnlyList<OperatorLoad> Operators { get; private set; } = [];

    public int MaxChats => options.Value.MaxConcurrentChats;

    public DateTimeOffset Now { get; private set; }

    public sealed record LanguageQueue(string Language, int Waiting, TimeSpan LongestWait, TimeSpan AverageWait, int OperatorsOnline, int FreeSlots);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var waiting = await queue.WaitingAsync(cancellationToken);
        Operators = await queue.OperatorsAsync(cancellationToken);
        Languages = ChatQueue.Languages.Select(language =>
        {
            var mine = waiting.Where(r => r.Language == language).Select(r => Now - r.QueuedAt!.Value).ToList();
            var online = Operators.Where(o => o.Online && o.Presence.LanguageList.Contains(language)).ToList();
            return new LanguageQueue(language, mine.Count,
                mine.Count == 0 ? TimeSpan.Zero : mine.Max(),
                mine.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(mine.Average(w => w.TotalSeconds)),
                online.Count,
                online.Sum(o => Math.Max(0, MaxChats - o.ActiveChats)));
        }).ToList();
    }

    public static string Minutes(TimeSpan span) => ((int)span.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
