namespace HelpCenter.Articles;

public static class ArticlesExtensions
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContentStore>();

        // After the database is migrated (AddDatabase registers that first) and before the search index syncs.
        builder.Services.AddHostedService<ContentStartup>();
        builder.Services.AddHostedService<ContentWatcher>();
        builder.Services.AddSingleton<ContentChangeFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ContentChangeFeed>());
        return builder;
    }

    /// <summary>
    /// For commands that run without starting the site (rebuild-index, export-content): migrates the database and
    /// imports the content folder, as a start would.
    /// </summary>
    public static async Task LoadContentAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetServices<IHostedService>().OfType<Infrastructure.Data.DatabaseInitializer>().Single().StartAsync(cancellationToken);
        await services.GetRequiredService<ContentStore>().ReloadAsync(importFiles: true, cancellationToken);
    }

    /// <summary>Imports the content folder and builds the first snapshot before the site answers a request.</summary>
    private sealed class ContentStartup(ContentStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.ReloadAsync(importFiles: true, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
