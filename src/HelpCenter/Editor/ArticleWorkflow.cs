using System.Security.Claims;
using HelpCenter.Articles;
using HelpCenter.Audit;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Editor;

/// <summary>Who acts in the console: the account id and the name written on revisions (their email).</summary>
public sealed record EditorActor(string? Id, string Name)
{
    public static EditorActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "?");
    }

    public static readonly EditorActor Schedule = new(null, "schedule");
}

public enum WorkflowOutcome
{
    Done,
    NotFound,

    /// <summary>The article changed since the editor loaded it (a newer revision, or another writer at the same moment).</summary>
    Conflict,

    /// <summary>The category requires a second editor's approval first.</summary>
    NeedsReview,

    /// <summary>An author cannot approve their own revision.</summary>
    OwnChange,
    NotInReview,

    /// <summary>A scheduled time must be in the future.</summary>
    InvalidTime,

    /// <summary>Nothing to do (the same text as the newest revision; already offline).</summary>
    Unchanged,

    /// <summary>Another article in the language already has the slug.</summary>
    SlugTaken,
}

/// <summary>
/// Everything an editor does to an article: save revisions, submit, approve, publish, schedule, unpublish, restore,
/// comment. Every step checks the revision the editor saw against the newest one and the article's version (so two
/// editors, or two instances running the schedule, cannot both win), is audited, and reloads the site's content
/// when it changes what customers see.
/// </summary>
public sealed class ArticleWorkflow(HelpCenterDbContext db, ContentStore content, AuditLog audit, TimeProvider clock, SiteClock siteClock, IOptions<EditorOptions> options,
    ILogger<ArticleWorkflow> logger)
{
    public EditorOptions Options => options.Value;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>Creates an article with its first revision, a draft.</summary>
    public async Task<(WorkflowOutcome Outcome, StoredArticle? Article)> CreateAsync(ArticleSource source, string? note, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(actor);
        if (await db.Articles.AnyAsync(a => a.Language == source.Language && a.Slug == source.Slug, cancellationToken))
        {
            return (WorkflowOutcome.SlugTaken, null);
        }

        var now = Now;
        var article = new StoredArticle { Language = source.Language, Slug = source.Slug, CreatedAt = now, HeadNumber = 1 };
        article.Touch(now);
        db.Articles.Add(article);
        db.ArticleRevisions.Add(NewRevision(article, 1, source, note, actor, RevisionOrigin.Editor));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (WorkflowOutcome.SlugTaken, null);
        }

        await AuditAsync(AuditKinds.ArticleCreated, article, 1, actor, cancellationToken);
        return (WorkflowOutcome.Done, article);
    }

    /// <summary>
    /// Saves a new revision based on <paramref name="baseNumber"/>. When someone saved after that, nothing is written
    /// and the outcome is <see cref="WorkflowOutcome.Conflict"/>: the page shows both versions.
    /// </summary>
    public async Task<(WorkflowOutcome Outcome, int Number)> SaveAsync(int articleId, int baseNumber, ArticleSource source, string? note, EditorActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(actor);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return (WorkflowOutcome.NotFound, 0);
        }

        if (article.HeadNumber != baseNumber)
        {
            return (WorkflowOutcome.Conflict, article.HeadNumber);
        }

        var head = await RevisionAsync(article.Id, article.HeadNumber, cancellationToken);
        var candidate = source with { Language = article.Language, Slug = article.Slug };
        if (head is not null && SameText(head.ToSource(article.Language, article.Slug), candidate))
        {
            return (WorkflowOutcome.Unchanged, head.Number);
        }

        var number = article.HeadNumber + 1;
        db.ArticleRevisions.Add(NewRevision(article, number, candidate, note, actor, RevisionOrigin.Editor));
        article.HeadNumber = number;

        // Changing the text withdraws a pending review: the reviewer would approve something else than what is published.
        article.ReviewNumber = null;
        article.Touch(Now);
        if (!await TrySaveAsync(cancellationToken))
        {
            return (WorkflowOutcome.Conflict, number);
        }

        await AuditAsync(AuditKinds.ArticleSaved, article, number, actor, cancellationToken);
        return (WorkflowOutcome.Done, number);
    }

    /// <summary>Publishes revision <paramref name="number"/> (the newest) now, or at <paramref name="at"/>.</summary>
    public async Task<WorkflowOutcome> PublishAsync(int articleId, int number, DateTimeOffset? at, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (article, revision, outcome) = await HeadAsync(articleId, number, cancellationToken);
        if (outcome != WorkflowOutcome.Done)
        {
            return outcome;
        }

        if (await RequiresReviewAsync(article!, revision!, cancellationToken) && article!.ApprovedNumber != number)
        {
            return WorkflowOutcome.NeedsReview;
        }

        if (at is { } time)
        {
            if (time <= Now)
            {
                return WorkflowOutcome.InvalidTime;
            }

            article!.ScheduledNumber = number;
            article.PublishAt = time;
            article.Touch(Now);
            return await CommitAsync(article, number, AuditKinds.ArticleScheduled, actor, visible: false, $"publish at {time:O}", cancellationToken);
        }

        Publish(article!, number);
        return await CommitAsync(article!, number, AuditKinds.ArticlePublished, actor, visible: true, null, cancellationToken);
    }

    /// <summary>Asks a second editor to approve revision <paramref name="number"/>; with <paramref name="at"/>, the approval schedules it.</summary>
    public async Task<WorkflowOutcome> SubmitAsync(int articleId, int number, DateTimeOffset? at, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (article, _, outcome) = await HeadAsync(articleId, number, cancellationToken);
        if (outcome != WorkflowOutcome.Done)
        {
            return outcome;
        }

        if (at is { } time && time <= Now)
        {
            return WorkflowOutcome.InvalidTime;
        }

        article!.ReviewNumber = number;
        if (at is not null)
        {
            article.ScheduledNumber = number;
            article.PublishAt = at;
        }

        article.Touch(Now);
        return await CommitAsync(article, number, AuditKinds.ArticleSubmitted, actor, visible: false, at is null ? null : $"publish at {at:O}", cancellationToken);
    }

    /// <summary>
    /// A second editor approves the revision under review: it is published now, or at the time asked for when it was
    /// submitted. Its author cannot approve it.
    /// </summary>
    public async Task<WorkflowOutcome> ApproveAsync(int articleId, int number, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (article, revision, outcome) = await HeadAsync(articleId, number, cancellationToken);
        if (outcome != WorkflowOutcome.Done)
        {
            return outcome;
        }

        if (article!.ReviewNumber != number)
        {
            return WorkflowOutcome.NotInReview;
        }

        if (revision!.AuthorId is not null && revision.AuthorId == actor.Id)
        {
            return WorkflowOutcome.OwnChange;
        }

        article.ApprovedNumber = number;
        article.ApprovedById = actor.Id;
        article.ReviewNumber = null;
        var scheduled = article.ScheduledNumber == number && article.PublishAt > Now;
        if (!scheduled)
        {
            Publish(article, number);
        }

        article.Touch(Now);
        return await CommitAsync(article, number, AuditKinds.ArticleApproved, actor, visible: !scheduled, null, cancellationToken);
    }

    /// <summary>Takes the article offline now, or at <paramref name="at"/>. Its revisions stay.</summary>
    public async Task<WorkflowOutcome> UnpublishAsync(int articleId, DateTimeOffset? at, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return WorkflowOutcome.NotFound;
        }

        if (at is { } time)
        {
            if (time <= Now)
            {
                return WorkflowOutcome.InvalidTime;
            }

            article.UnpublishAt = time;
            article.Touch(Now);
            return await CommitAsync(article, article.HeadNumber, AuditKinds.ArticleScheduled, actor, visible: false, $"unpublish at {time:O}", cancellationToken);
        }

        if (article.PublishedNumber is null && article.PublishAt is null)
        {
            return WorkflowOutcome.Unchanged;
        }

        Unpublish(article);
        return await CommitAsync(article, article.HeadNumber, AuditKinds.ArticleUnpublished, actor, visible: true, null, cancellationToken);
    }

    /// <summary>Cancels a scheduled publication and a scheduled unpublication.</summary>
    public async Task<WorkflowOutcome> CancelScheduleAsync(int articleId, EditorActor actor, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return WorkflowOutcome.NotFound;
        }

        article.PublishAt = null;
        article.ScheduledNumber = null;
        article.UnpublishAt = null;
        article.Touch(Now);
        return await CommitAsync(article, article.HeadNumber, AuditKinds.ArticleScheduled, actor, visible: false, "schedule cancelled", cancellationToken);
    }

    /// <summary>Copies revision <paramref name="number"/> into a new newest revision (a draft: publishing it is a separate step).</summary>
    public async Task<(WorkflowOutcome Outcome, int Number)> RestoreAsync(int articleId, int number, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        var old = article is null ? null : await RevisionAsync(article.Id, number, cancellationToken);
        if (article is null || old is null)
        {
            return (WorkflowOutcome.NotFound, 0);
        }

        var next = article.HeadNumber + 1;
        db.ArticleRevisions.Add(NewRevision(article, next, old.ToSource(article.Language, article.Slug), $"restored from revision {number}", actor, RevisionOrigin.Restore));
        article.HeadNumber = next;
        article.ReviewNumber = null;
        article.Touch(Now);
        if (!await TrySaveAsync(cancellationToken))
        {
            return (WorkflowOutcome.Conflict, 0);
        }

        await AuditAsync(AuditKinds.ArticleRestored, article, next, actor, cancellationToken, $"from r{number}");
        return (WorkflowOutcome.Done, next);
    }

    public async Task<WorkflowOutcome> CommentAsync(int articleId, int number, string text, EditorActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        var revision = article is null ? null : await RevisionAsync(article.Id, number, cancellationToken);
        if (article is null || revision is null)
        {
            return WorkflowOutcome.NotFound;
        }

        db.RevisionComments.Add(new RevisionComment
        {
            RevisionId = revision.Id,
            AuthorId = actor.Id,
            AuthorName = actor.Name,
            CreatedAt = Now,
            Text = text.Trim(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(AuditKinds.ArticleCommented, article, number, actor, cancellationToken);
        return WorkflowOutcome.Done;
    }

    /// <summary>
    /// Publishes and unpublishes what is due. Safe on several instances: each article is changed with a check of its
    /// version, so when two run at the same minute one wins and the other skips it.
    /// </summary>
    public async Task<int> RunScheduleAsync(CancellationToken cancellationToken = default)
    {
        var now = Now;

        // Few rows ever carry a schedule; comparing in memory keeps DateTimeOffset out of SQL (SQLite cannot compare it).
        var candidates = await db.Articles.AsNoTracking().Where(a => a.PublishAt != null || a.UnpublishAt != null).ToListAsync(cancellationToken);
        var done = 0;
        foreach (var id in candidates.Where(a => a.PublishAt <= now || a.UnpublishAt <= now).Select(a => a.Id))
        {
            // Read again, tracked, one at a time: a failed save clears the tracker, and the others must still be saved.
            var article = await db.Articles.FirstAsync(a => a.Id == id, cancellationToken);
            string kind;
            if (article.PublishAt <= now && article.ScheduledNumber is { } number)
            {
                var revision = await RevisionAsync(article.Id, number, cancellationToken);
                if (revision is null || (await RequiresReviewAsync(article, revision, cancellationToken) && article.ApprovedNumber != number))
                {
                    // Still waiting for approval: the approval publishes it, since its time has come.
                    continue;
                }

                Publish(article, number);
                kind = AuditKinds.ArticlePublished;
            }
            else if (article.UnpublishAt <= now)
            {
                Unpublish(article);
                kind = AuditKinds.ArticleUnpublished;
            }
            else
            {
                continue;
            }

            article.Touch(now);
            await ContentStore.BumpVersionAsync(db, now, cancellationToken);
            if (!await TrySaveAsync(cancellationToken))
            {
                logger.LogInformation("Scheduled change of article {Id} was made by another instance", article.Id);
                continue;
            }

            done++;
            await AuditAsync(kind, article, article.PublishedNumber ?? article.HeadNumber, EditorActor.Schedule, cancellationToken, "scheduled");
        }

        if (done > 0)
        {
            await content.ReloadAsync(importFiles: false, cancellationToken);
        }

        return done;
    }

    /// <summary>Whether publishing <paramref name="revision"/> needs approval: its category or the published one's requires review.</summary>
    public async Task<bool> RequiresReviewAsync(StoredArticle article, ArticleRevision revision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(revision);
        if (Options.RequiresReview(revision.CategoryId))
        {
            return true;
        }

        // Moving an article out of a reviewed category must not be the way around the review.
        return article.PublishedNumber is { } published && published != revision.Number
            && Options.RequiresReview((await RevisionAsync(article.Id, published, cancellationToken))?.CategoryId);
    }

    public Task<ArticleRevision?> RevisionAsync(int articleId, int number, CancellationToken cancellationToken = default) =>
        db.ArticleRevisions.FirstOrDefaultAsync(r => r.ArticleId == articleId && r.Number == number, cancellationToken);

    private static bool SameText(ArticleSource a, ArticleSource b) =>
        a.Title == b.Title && a.CategoryId == b.CategoryId && a.Tags.SequenceEqual(b.Tags) && a.Summary == b.Summary && a.Faq == b.Faq
        && a.Order == b.Order && a.Body == b.Body && (b.Updated is null || a.Updated == b.Updated);

    private void Publish(StoredArticle article, int number)
    {
        article.PublishedNumber = number;
        article.PublishedAt = Now;
        article.UnpublishedAt = null;
        if (article.ScheduledNumber is not null && article.ScheduledNumber <= number)
        {
            article.ScheduledNumber = null;
            article.PublishAt = null;
        }

        if (article.ReviewNumber <= number)
        {
            article.ReviewNumber = null;
        }

        // Publishing from the console settles "the file replaced a browser edit": someone has looked at it.
        article.FileReplacedBrowserEdit = false;
    }

    private void Unpublish(StoredArticle article)
    {
        article.PublishedNumber = null;
        article.UnpublishedAt = Now;
        article.UnpublishAt = null;
        article.PublishAt = null;
        article.ScheduledNumber = null;
    }

    private async Task<(StoredArticle? Article, ArticleRevision? Revision, WorkflowOutcome Outcome)> HeadAsync(int articleId, int number, CancellationToken cancellationToken)
    {
        var article = await db.Articles.FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken);
        if (article is null)
        {
            return (null, null, WorkflowOutcome.NotFound);
        }

        if (article.HeadNumber != number)
        {
            return (article, null, WorkflowOutcome.Conflict);
        }

        var revision = await RevisionAsync(article.Id, number, cancellationToken);
        return revision is null ? (article, null, WorkflowOutcome.NotFound) : (article, revision, WorkflowOutcome.Done);
    }

    private async Task<WorkflowOutcome> CommitAsync(StoredArticle article, int number, string kind, EditorActor actor, bool visible, string? detail, CancellationToken cancellationToken)
    {
        if (visible)
        {
            await ContentStore.BumpVersionAsync(db, Now, cancellationToken);
        }

        if (!await TrySaveAsync(cancellationToken))
        {
            return WorkflowOutcome.Conflict;
        }

        if (visible)
        {
            await content.ReloadAsync(importFiles: false, cancellationToken);
        }

        await AuditAsync(kind, article, number, actor, cancellationToken, detail);
        return WorkflowOutcome.Done;
    }

    /// <summary>Saves; false when another writer changed the article (or took the revision number) in the meantime.</summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // DbUpdateConcurrencyException (the version moved) or a unique index (revision number taken).
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private ArticleRevision NewRevision(StoredArticle article, int number, ArticleSource source, string? note, EditorActor actor, RevisionOrigin origin) =>
        ContentImporter.NewRevision(article, number, source, siteClock.DayOf(Now),
            actor.Name, Now, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), origin, actor.Id);

    private Task AuditAsync(string kind, StoredArticle article, int number, EditorActor actor, CancellationToken cancellationToken, string? detail = null) =>
        audit.WriteAsync(kind, SubjectOf(article), $"{article.Language}/{article.Slug} r{number}{(detail is null ? "" : " " + detail)}", actor.Id, cancellationToken);

    /// <summary>The audit log's subject for an article (the admin page filters by it).</summary>
    public static string SubjectOf(StoredArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return $"article:{article.Id}";
    }
}
