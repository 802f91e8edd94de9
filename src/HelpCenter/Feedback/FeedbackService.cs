using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Feedback;

/// <summary>Stores "Was this helpful?" votes: a second vote by the same visitor replaces the first.</summary>
public sealed class FeedbackService(HelpCenterDbContext db, TimeProvider clock)
{
    /// <summary>Set once this browser has voted: its article pages show its earlier votes, so they are rendered for it
    /// and never taken from (or put into) the shared page cache.</summary>
    public const string VotedCookie = "hc_voted";

    public static void RememberVoted(HttpResponse response, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(VotedCookie, "1", new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
    }

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
            if (comment is not null && comment != vote.Comment)
            {
                // A new comment is new work for the editors.
                vote.CommentDoneAt = null;
            }

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
