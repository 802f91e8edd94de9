using HelpCenter.Health;

namespace HelpCenter.Search;

public static class SearchExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddScoped<SearchAnalytics>();
        builder.Services.AddScoped<MostRead>();
        builder.Services.AddHostedService<SearchStartup>();
        builder.Services.AddSingleton<IHealthSection, SearchHealth>();
        return builder;
    }

    /// <summary>Builds the index before the site answers its first request.</summary>
    private sealed class SearchStartup(SearchService search) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = search.Engine;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SearchHealth(SearchService search) : IHealthSection
    {
        public string Name => "search";

        public Task<(object Value, bool Healthy)> CheckAsync(CancellationToken cancellationToken) =>
            Task.FromResult<(object, bool)>((new { analyzer = search.Engine.AnalyzerName, documents = search.Engine.DocumentCount }, true));
    }
}
