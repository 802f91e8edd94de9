using HelpCenter.Infrastructure.Data;

namespace HelpCenter.Analytics;

/// <summary>
/// Something a visitor did that is kept for analytics only (an article view, a search, a click on a result). Written
/// later, in a batch, by <see cref="AnalyticsWriter"/>: never on the request path, and lost in a crash at most for the
/// last batch. Requests, chats and accounts are never written this way.
/// </summary>
public interface IAnalyticsEvent
{
    /// <summary>Adds or changes the event's rows in <paramref name="db"/>; the writer saves the whole batch at once.
    /// Events of one batch are staged in the order they happened (a click after the search it belongs to).</summary>
    Task StageAsync(HelpCenterDbContext db, CancellationToken cancellationToken);
}
