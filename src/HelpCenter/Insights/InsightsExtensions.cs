using HelpCenter.Accounts;
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
        builder.Services.AddSingleton<RawEventRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RawEventRetention>());

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
}
