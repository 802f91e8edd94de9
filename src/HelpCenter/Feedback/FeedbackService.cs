using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Feedback;

/// <summary>Stores "Was this helpful?" votes: a second vote by the same visitor replaces the first.</summary>
public sealed class FeedbackService(HelpCenterDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(string language, string slug, string visitorId, bool helpful, string? comment, CancellationToken cancellationToken)
    {
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var vote = await db.ArticleFeedback.FirstOrDefaultAsync(
                f => f.Language == language && f.Slug == slug && f.VisitorId == visitorId, cancellationToken);
            if (vote is null)
            {
                vote = new ArticleFeedback { Language = language, Slug = slug, VisitorId = visitorId, CreatedAt = now };
                db.ArticleFeedback.Add(vote);
            }

            vote.Helpful = helpful;
            vote.Comment = comment ?? vote.Comment;
            vote.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Two submissions raced (double click): the other one inserted first, so update it instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<ArticleFeedback?> FindAsync(string language, string slug, string visitorId, CancellationToken cancellationToken) =>
        await db.ArticleFeedback.AsNoTracking().FirstOrDefaultAsync(
            f => f.Language == language && f.Slug == slug && f.VisitorId == visitorId, cancellationToken);
}
