using HelpCenter.Articles;
using HelpCenter.Editor;
using HelpCenter.Infrastructure;
using HelpCenter.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HelpCenter.UnitTests.Editor;

/// <summary>
/// The content store and the editors' workflow on an in-memory SQLite database, a content folder of its own and a fake
/// clock (set to 2026-12-01 09:58:30 in Japan).
/// </summary>
public sealed class EditorHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 58, 30, TimeSpan.FromHours(9));

    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly ServiceProvider _services;

    public EditorHarness(TempFolder? content = null)
    {
        Content = content ?? new TempFolder();
        _connection.Open();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddOptions<HelpCenterOptions>();
        services.AddSingleton<SiteClock>();
        services.AddSingleton(new SitePaths(Content.Path, Path.Combine(Content.Path, ".data")));
        // Without AddIdentity, Identity's passkey table (schema version 3) is not in this model: the migrations are the app's.
        services.AddDbContext<HelpCenterDbContext>(options => options.UseSqlite(_connection)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning)));
        services.AddHttpContextAccessor();
        services.AddScoped<Audit.AuditLog>();
        services.AddOutputCache(); // ContentStore evicts the cached pages on every reload
        services.AddSingleton<ContentStore>();
        services.AddScoped<ArticleWorkflow>();
        services.AddOptions<EditorOptions>();
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().Database.Migrate();
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public TempFolder Content { get; }

    public IServiceProvider Services => _services;

    public ContentStore Store => _services.GetRequiredService<ContentStore>();

    public static EditorActor Alice { get; } = new("alice-id", "alice@example.com");

    public static EditorActor Bob { get; } = new("bob-id", "bob@example.com");

    /// <summary>Runs <paramref name="action"/> with a workflow and database of a fresh scope (as one request would).</summary>
    public async Task<T> InScopeAsync<T>(Func<ArticleWorkflow, HelpCenterDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ArticleWorkflow>(), scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>());
    }

    public Task<StoredArticle> ArticleAsync(string language, string slug) =>
        InScopeAsync((_, db) => db.Articles.AsNoTracking().SingleAsync(a => a.Language == language && a.Slug == slug));

    public static ArticleSource Source(string slug, string body, string category = "trading", string title = "テスト記事", string language = "ja") =>
        new(language, slug, title, category, ["テスト"], "概要", false, 1, null, body);

    /// <summary>Creates an article (by Alice) and returns its id.</summary>
    public Task<int> CreateAsync(ArticleSource source, EditorActor? actor = null) =>
        InScopeAsync(async (workflow, _) =>
        {
            var (outcome, article) = await workflow.CreateAsync(source, "first", actor ?? Alice);
            Assert.Equal(WorkflowOutcome.Done, outcome);
            return article!.Id;
        });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _connection.DisposeAsync();
        Content.Dispose();
    }
}
