using HelpCenter.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpCenter.Search;

public static class SearchExtensions
{
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<SearchAnalytics>();
        builder.Services.AddHostedService<SearchStartup>();
        builder.Services.AddHealthChecks().AddCheck<SearchHealthCheck>("search", tags: [HealthExtensions.Ready]);
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

    private sealed class SearchHealthCheck(SearchService search) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthExtensions.Section(
                new { analyzer = search.Engine.AnalyzerName, documents = search.Engine.DocumentCount, contentVersion = search.SyncedVersion, ready = search.Ready },
                search.Ready));
    }
}
