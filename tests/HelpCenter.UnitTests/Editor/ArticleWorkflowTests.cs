using HelpCenter.Articles;
using HelpCenter.Audit;
using HelpCenter.Editor;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.UnitTests.Editor;

public sealed class ArticleWorkflowTests
{
    [Fact]
    public async Task EverySaveIsARevisionWithAuthorTimeAndNoteAndOnlyPublishedRevisionsReachTheSnapshot()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("fees-2027", "手数料は無料です。"));
        await harness.Store.ReloadAsync(importFiles: false);
        Assert.Null(harness.Store.Current.Find("ja", "fees-2027"));

        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var (outcome, number) = await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("fees-2027", "手数料は100円です。"), "値上げ", EditorHarness.Bob));
        Assert.Equal((WorkflowOutcome.Done, 2), (outcome, number));
        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.PublishAsync(id, 2, null, EditorHarness.Bob)));

        var revisions = await harness.InScopeAsync((_, db) => db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderBy(r => r.Number).ToListAsync());
        Assert.Equal(["alice@example.com", "bob@example.com"], revisions.Select(r => r.AuthorName));
        Assert.Equal(["first", "値上げ"], revisions.Select(r => r.Note));
        Assert.Equal(EditorHarness.Start.AddMinutes(5), revisions[1].CreatedAt);
        Assert.Equal(new DateOnly(2026, 12, 1), revisions[1].Updated);
        Assert.Contains("100円", harness.Store.Current.Find("ja", "fees-2027")!.PlainText, StringComparison.Ordinal);

        var audit = await harness.InScopeAsync((_, db) => db.AuditEvents.AsNoTracking().Select(e => e.Kind).ToListAsync());
        Assert.Equal([AuditKinds.ArticleCreated, AuditKinds.ArticleSaved, AuditKinds.ArticlePublished], audit);
    }

    [Fact]
    public async Task SecondSaveBasedOnTheSameRevisionIsAConflictAndWritesNothing()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("conflict", "元の本文"));

        var first = await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("conflict", "アリスの本文"), null, EditorHarness.Alice));
        var second = await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("conflict", "ボブの本文"), null, EditorHarness.Bob));

        Assert.Equal((WorkflowOutcome.Done, 2), first);
        Assert.Equal((WorkflowOutcome.Conflict, 2), second);
        var bodies = await harness.InScopeAsync((_, db) => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Body).ToListAsync());
        Assert.Equal(["元の本文", "アリスの本文"], bodies);

        // Saving again on top of the revision now shown is accepted.
        Assert.Equal((WorkflowOutcome.Done, 3), await harness.InScopeAsync((w, _) => w.SaveAsync(id, 2, EditorHarness.Source("conflict", "ボブの本文"), null, EditorHarness.Bob)));
    }

    [Fact]
    public async Task TwoWritersSavingAtTheSameMomentCannotBothWin()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("race", "本文"));

        // Both read the article (version and head) before either saves: the database decides.
        await using var scopeA = harness.Services.CreateAsyncScope();
        await using var scopeB = harness.Services.CreateAsyncScope();
        var a = scopeA.ServiceProvider.GetRequiredService<HelpCenter.Infrastructure.Data.HelpCenterDbContext>();
        var b = scopeB.ServiceProvider.GetRequiredService<HelpCenter.Infrastructure.Data.HelpCenterDbContext>();
        var articleA = await a.Articles.SingleAsync(x => x.Id == id);
        var articleB = await b.Articles.SingleAsync(x => x.Id == id);
        foreach (var (db, article, body) in new[] { (a, articleA, "A"), (b, articleB, "B") })
        {
            db.ArticleRevisions.Add(ContentImporter.NewRevision(article, 2, EditorHarness.Source("race", body), default, body, EditorHarness.Start, null, RevisionOrigin.Editor));
            article.HeadNumber = 2;
            article.Touch(EditorHarness.Start);
        }

        await a.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => b.SaveChangesAsync());
    }

    [Fact]
    public async Task ReviewCategoryNeedsASecondEditorAndTheAuthorCannotApprove()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("new-2fa", "二段階認証の新しい手順", category: "security"));

        Assert.Equal(WorkflowOutcome.NeedsReview, await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, null, EditorHarness.Alice)));
        Assert.Equal(WorkflowOutcome.NotInReview, await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 1, EditorHarness.Bob)));
        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.SubmitAsync(id, 1, null, EditorHarness.Alice)));
        Assert.Equal(ArticleStatus.InReview, (await harness.ArticleAsync("ja", "new-2fa")).Status);
        Assert.Equal(WorkflowOutcome.OwnChange, await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 1, EditorHarness.Alice)));
        Assert.Null(harness.Store.Current.Find("ja", "new-2fa"));

        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 1, EditorHarness.Bob)));

        var article = await harness.ArticleAsync("ja", "new-2fa");
        Assert.Equal((ArticleStatus.Published, 1, "bob-id"), (article.Status, article.PublishedNumber!.Value, article.ApprovedById!));
        Assert.NotNull(harness.Store.Current.Find("ja", "new-2fa"));
    }

    [Fact]
    public async Task EditingAfterSubmittingWithdrawsTheReviewAndMovingOutOfTheCategoryDoesNotSkipIt()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("phishing-2", "本文", category: "security"));
        await harness.InScopeAsync((w, _) => w.SubmitAsync(id, 1, null, EditorHarness.Alice));
        await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 1, EditorHarness.Bob));

        await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("phishing-2", "本文（改）", category: "other"), null, EditorHarness.Alice));

        Assert.Equal(WorkflowOutcome.NeedsReview, await harness.InScopeAsync((w, _) => w.PublishAsync(id, 2, null, EditorHarness.Alice)));
        await harness.InScopeAsync((w, _) => w.SubmitAsync(id, 2, null, EditorHarness.Alice));
        await harness.InScopeAsync((w, _) => w.SaveAsync(id, 2, EditorHarness.Source("phishing-2", "本文（再）", category: "other"), null, EditorHarness.Alice));
        Assert.Null((await harness.ArticleAsync("ja", "phishing-2")).ReviewNumber);
        Assert.Equal(WorkflowOutcome.NotInReview, await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 3, EditorHarness.Bob)));
    }

    [Fact]
    public async Task OtherCategoriesPublishWithoutReview()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("holiday", "年末年始の営業について"));
        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, null, EditorHarness.Alice)));
        Assert.NotNull(harness.Store.Current.Find("ja", "holiday"));
    }

    [Fact]
    public async Task RestoreCopiesAnOldRevisionIntoANewOne()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("restore", "最初の本文"));
        await harness.InScopeAsync((w, _) => w.SaveAsync(id, 1, EditorHarness.Source("restore", "二番目の本文", title: "変更後"), null, EditorHarness.Alice));

        var (outcome, number) = await harness.InScopeAsync((w, _) => w.RestoreAsync(id, 1, EditorHarness.Bob));

        Assert.Equal((WorkflowOutcome.Done, 3), (outcome, number));
        var restored = await harness.InScopeAsync((w, _) => w.RevisionAsync(id, 3));
        Assert.Equal(("最初の本文", "テスト記事", RevisionOrigin.Restore, "bob@example.com"), (restored!.Body, restored.Title, restored.Origin, restored.AuthorName));
        Assert.Equal(3, (await harness.ArticleAsync("ja", "restore")).HeadNumber);
    }

    [Fact]
    public async Task ScheduledPublishAndUnpublishHappenAtTheMinuteInJapanTime()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("maintenance", "12月1日 10:00〜11:30 はメンテナンスのため取引を停止します。"));
        // Editors type Japan time: "2026-12-01 10:00" is 01:00 UTC.
        var siteClock = new HelpCenter.Infrastructure.SiteClock(TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new HelpCenter.Infrastructure.HelpCenterOptions()));
        var publishAt = siteClock.ParseLocal("2026-12-01", "10:00")!.Value;
        var unpublishAt = siteClock.ParseLocal("2026-12-01", "11:30")!.Value;
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), publishAt);

        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, publishAt, EditorHarness.Alice)));
        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.UnpublishAsync(id, unpublishAt, EditorHarness.Alice)));
        Assert.Equal(ArticleStatus.Scheduled, (await harness.ArticleAsync("ja", "maintenance")).Status);

        async Task<bool> OnlineAfterRunAt(int hour, int minute, int second)
        {
            harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, hour, minute, second, TimeSpan.FromHours(9)));
            await harness.InScopeAsync((w, _) => w.RunScheduleAsync());
            return harness.Store.Current.Find("ja", "maintenance") is not null;
        }

        Assert.False(await OnlineAfterRunAt(9, 59, 59));
        Assert.True(await OnlineAfterRunAt(10, 0, 0));
        Assert.True(await OnlineAfterRunAt(11, 29, 59));
        Assert.False(await OnlineAfterRunAt(11, 30, 0));
        Assert.Equal(ArticleStatus.Unpublished, (await harness.ArticleAsync("ja", "maintenance")).Status);
    }

    [Fact]
    public async Task ScheduledPublisherRunsAtTheStartOfTheMinuteOnTheFakeClock()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("notice", "お知らせ"));
        await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)), EditorHarness.Alice));
        using var publisher = new ScheduledPublisher(harness.Services.GetRequiredService<IServiceScopeFactory>(), harness.Clock,
            new HelpCenter.Infrastructure.Data.SingletonWorkRunner(new HelpCenter.Infrastructure.Data.LocalSingletonWork(),
                Microsoft.Extensions.Options.Options.Create(new HelpCenter.Infrastructure.Data.DatabaseOptions()),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<HelpCenter.Infrastructure.Data.SingletonWorkRunner>.Instance),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ScheduledPublisher>.Instance);
        await publisher.StartAsync(CancellationToken.None);

        // 09:58:30 -> the publisher sleeps until 09:59:00, then 10:00:00.
        harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await WaitForRunsAsync();
        harness.Clock.Advance(TimeSpan.FromSeconds(59));
        await WaitForRunsAsync();
        Assert.Null(harness.Store.Current.Find("ja", "notice"));

        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var online = false;
        for (var i = 0; i < 100 && !online; i++)
        {
            await Task.Delay(20);
            online = harness.Store.Current.Find("ja", "notice") is not null;
        }

        await publisher.StopAsync(CancellationToken.None);
        Assert.True(online, "published at 10:00:00");
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)), (await harness.ArticleAsync("ja", "notice")).PublishedAt);
    }

    [Fact]
    public async Task TwoInstancesRunningTheScheduleAtTheSameMinutePublishOnce()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("once", "本文"));
        await harness.InScopeAsync((w, _) => w.PublishAsync(id, 1, new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)), EditorHarness.Alice));
        harness.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9)));

        var runs = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => harness.InScopeAsync((w, _) => w.RunScheduleAsync())));

        Assert.Equal(1, runs.Sum());
        var published = await harness.InScopeAsync((_, db) => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.ArticlePublished));
        Assert.Equal(1, published);
    }

    [Fact]
    public async Task ApprovalOfAScheduledReviewKeepsTheTime()
    {
        await using var harness = new EditorHarness();
        var id = await harness.CreateAsync(EditorHarness.Source("scheduled-review", "本文", category: "security"));
        var at = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(9));
        await harness.InScopeAsync((w, _) => w.SubmitAsync(id, 1, at, EditorHarness.Alice));
        Assert.Equal(WorkflowOutcome.Done, await harness.InScopeAsync((w, _) => w.ApproveAsync(id, 1, EditorHarness.Bob)));
        Assert.Equal(ArticleStatus.Scheduled, (await harness.ArticleAsync("ja", "scheduled-review")).Status);

        harness.Clock.SetUtcNow(at);
        await harness.InScopeAsync((w, _) => w.RunScheduleAsync());
        Assert.Equal(ArticleStatus.Published, (await harness.ArticleAsync("ja", "scheduled-review")).Status);
    }

    private static async Task WaitForRunsAsync() => await Task.Delay(150);
}
