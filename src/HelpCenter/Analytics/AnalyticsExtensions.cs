using HelpCenter.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpCenter.Analytics;

public static class AnalyticsExtensions
{
    /// <summary>The analytics event pipeline: a bounded queue that requests add to, and one writer per instance.</summary>
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AnalyticsQueue>();
        builder.Services.AddSingleton<AnalyticsWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnalyticsWriter>());
        builder.Services.AddHealthChecks().AddCheck<AnalyticsHealthCheck>("analytics");
        return builder;
    }

    /// <summary>Events waiting, dropped since start, batches written: a queue that stays full means the database is too slow.</summary>
    private sealed class AnalyticsHealthCheck(AnalyticsQueue queue, AnalyticsWriter writer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthExtensions.Section(new { pending = queue.Pending, dropped = queue.Dropped, batches = writer.Batches }));
    }
}
