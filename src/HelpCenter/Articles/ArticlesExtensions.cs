namespace HelpCenter.Articles;

public static class ArticlesExtensions
{
    public static WebApplicationBuilder AddArticles(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ContentStore>();
        builder.Services.AddHostedService<ContentWatcher>();
        builder.Services.AddHostedService<ContentCacheEviction>();
        return builder;
    }
}
