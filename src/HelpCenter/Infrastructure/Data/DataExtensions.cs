using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure.Data;

public static class DataExtensions
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SqliteWriteGate>();
        builder.Services.AddDbContext<HelpCenterDbContext>((services, options) =>
        {
            var settings = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = string.IsNullOrWhiteSpace(settings.ConnectionString)
                ? $"Data Source={Path.Combine(services.GetRequiredService<SitePaths>().DataRoot, "helpcenter.db")}"
                : settings.ConnectionString;
            options.UseSqlite(connectionString)
                .AddInterceptors(new SqlitePragmaInterceptor(settings.BusyTimeoutMilliseconds), services.GetRequiredService<SqliteWriteGate>());
        });
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
