using HelpCenter.Infrastructure;

namespace HelpCenter.Editor;

public static class EditorExtensions
{
    /// <summary>The editors' console: workflow, images, the publication schedule.</summary>
    public static WebApplicationBuilder AddEditor(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EditorOptions>().BindConfiguration(EditorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ArticleWorkflow>();
        builder.Services.AddScoped<ArticleOverview>();
        builder.Services.AddScoped<ArticleImages>();
        builder.Services.AddScoped<SynonymEditing>();
        builder.Services.AddHostedService<ScheduledPublisher>();
        return builder;
    }

    /// <summary>Article images, public like the articles that show them.</summary>
    public static WebApplication MapEditor(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(ArticleImages.UrlPrefix + "{file}", (string file, SitePaths paths, HttpContext context) => ArticleImages.Serve(file, paths, context));
        return app;
    }
}
