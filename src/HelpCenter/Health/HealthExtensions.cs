using System.Text.Json;
using HelpCenter.Articles;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelpCenter.Health;

/// <summary>
/// ASP.NET Core health checks, one per feature (each registers its own: database, articles, search...), served as
/// <c>/healthz</c> (every check, the site's JSON report), <c>/healthz/ready</c> (checks tagged <see cref="Ready"/>: may
/// this instance take traffic) and <c>/healthz/live</c> (no check: is the process answering).
/// </summary>
public static class HealthExtensions
{
    /// <summary>Tag of the checks that must pass before a load balancer sends traffic.</summary>
    public const string Ready = "ready";

    private const string ValueKey = "value";

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<ArticlesHealthCheck>("articles", tags: [Ready]);
        if (Infrastructure.Distributed.RedisOptions.Read(builder.Configuration) is not null)
        {
            // Only when configured: an instance that cannot reach the shared Redis would count rate limits alone and
            // miss chat pushes from other instances, so it should not take traffic.
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        }

        return builder;
    }

    /// <summary>200 with <c>"status": "ok"</c> and one property per check, or 503 with <c>"degraded"</c> when one fails.</summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", Options(_ => true)).DisableRateLimiting();
        endpoints.MapHealthChecks("/healthz/ready", Options(check => check.Tags.Contains(Ready))).DisableRateLimiting();
        endpoints.MapHealthChecks("/healthz/live", Options(_ => false)).DisableRateLimiting();
    }

    /// <summary>A check's result carrying the value shown under its name in the report.</summary>
    public static HealthCheckResult Section(object value, bool healthy = true)
    {
        var data = new Dictionary<string, object> { [ValueKey] = value };
        return healthy ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(data: data);
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var json = new Dictionary<string, object?> { ["status"] = report.Status == HealthStatus.Healthy ? "ok" : "degraded" };
        foreach (var (name, entry) in report.Entries)
        {
            json[name] = entry.Data.TryGetValue(ValueKey, out var value) ? value : entry.Status == HealthStatus.Healthy ? "ok" : entry.Description ?? "failed";
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(json));
    }

    private sealed class DatabaseHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var ok = await db.Database.CanConnectAsync(cancellationToken);
            return Section(ok ? "ok" : "unreachable", ok);
        }
    }

    private sealed class RedisHealthCheck(Infrastructure.Distributed.RedisConnection redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.Multiplexer.GetDatabase().PingAsync();
                return Section(new { status = "ok", pingMilliseconds = Math.Round(latency.TotalMilliseconds, 1) });
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                return Section("unreachable", healthy: false);
            }
        }
    }

    private sealed class ArticlesHealthCheck(ContentStore store) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var snapshot = store.Current;
            return Task.FromResult(Section(Languages.All.ToDictionary(code => code, snapshot.CountIn)));
        }
    }
}
