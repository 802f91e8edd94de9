using HelpCenter.Accounts;
using HelpCenter.Health;
using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpCenter.Insights;

public static class InsightsExtensions
{
    /// <summary>The insights pages: what customers search, read, fail to find and ask.</summary>
    public static WebApplicationBuilder AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<InsightsOptions>().BindConfiguration(InsightsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<SearchInsights>();
        builder.Services.AddScoped<ArticleInsights>();
        builder.Services.AddScoped<DeflectionReport>();
        builder.Services.AddScoped<SupportInsights>();
        builder.Services.AddSingleton<InsightsRollup>();
        builder.Services.AddSingleton<RawEventRetention>();
        builder.Services.AddHostedService<InsightsJob>();
        builder.Services.AddHealthChecks().AddCheck<RollupHealthCheck>("insights");

        // Every insights page is for staff (agents see deflection and support); search and articles are the editors'.
        // Both conventions apply to those two pages, so they need Staff and Editor.
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Insights", Policies.Staff);
            options.Conventions.AuthorizePage("/Insights/Search", Policies.Editor);
            options.Conventions.AuthorizePage("/Insights/Articles", Policies.Editor);
        });
        return builder;
    }

    /// <summary>The last day rolled up into the daily aggregates and the windows (later days are read raw).</summary>
    private sealed class RollupHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            var state = await scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>().InsightsRollupStates.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InsightsRollupState.SingleId, cancellationToken);
            return HealthExtensions.Section(new { rolledUpThrough = state?.ThroughDay, windowsThrough = state?.WindowsThroughDay });
        }
    }
}
