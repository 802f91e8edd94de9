using HelpCenter.Articles;
using HelpCenter.Infrastructure.Data;
using HelpCenter.Localization;
using Microsoft.EntityFrameworkCore;

namespace HelpCenter.Health;

public static class HealthEndpoint
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IHealthSection, DatabaseHealth>();
        builder.Services.AddSingleton<IHealthSection, ArticlesHealth>();
        return builder;
    }

    /// <summary><c>GET /healthz</c>: 200 with <c>"status": "ok"</c>, or 503 with <c>"degraded"</c> when a section fails.</summary>
    public static void MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (IEnumerable<IHealthSection> sections, CancellationToken cancellationToken) =>
        {
            var report = new Dictionary<string, object> { ["status"] = "ok" };
            var healthy = true;
            foreach (var section in sections)
            {
                var (value, ok) = await section.CheckAsync(cancellationToken);
                report[section.Name] = value;
                healthy &= ok;
            }

            report["status"] = healthy ? "ok" : "degraded";
            return Results.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).DisableRateLimiting();

    private sealed class DatabaseHealth(IServiceScopeFactory scopes) : IHealthSection
    {
        public string Name => "database";

        public async Task<(object Value, bool Healthy)> CheckAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
            var ok = await db.Database.CanConnectAsync(cancellationToken);
            return (ok ? "ok" : "unreachable", ok);
        }
    }

    private sealed class ArticlesHealth(ContentStore store) : IHealthSection
    {
        public string Name => "articles";

        public Task<(object Value, bool Healthy)> CheckAsync(CancellationToken cancellationToken)
        {
            var snapshot = store.Current;
            object counts = Languages.All.ToDictionary(code => code, snapshot.CountIn);
            return Task.FromResult((counts, true));
        }
    }
}
