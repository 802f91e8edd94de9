using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace HelpCenter.Infrastructure.Data;

public static class DataExtensions
{
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The provider decides the registrations, so it is read here (options validation still reports a bad value).
        var settings = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (settings.IsPostgreSql)
        {
            // Features ask for HelpCenterDbContext; on PostgreSQL they get the derived type with its own migrations.
            builder.Services.AddDbContext<HelpCenterDbContext, PostgresHelpCenterDbContext>((services, options) =>
            {
                options.UseNpgsql(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString);

                // ConfigureDbContext<HelpCenterDbContext>(...) (interceptors, logging) applies on either provider.
                foreach (var configuration in services.GetServices<IDbContextOptionsConfiguration<HelpCenterDbContext>>())
                {
                    configuration.Configure(services, options);
                }
            }, optionsLifetime: ServiceLifetime.Singleton);
            builder.Services.AddSingleton<ISingletonWork>(services =>
                new PostgresSingletonWork(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!));
        }
        else
        {
            builder.Services.AddSingleton<SqliteWriteGate>();
            builder.Services.AddSingleton(services =>
                new SqlitePragmaInterceptor(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.BusyTimeoutMilliseconds));
            builder.Services.AddDbContext<HelpCenterDbContext>((services, options) =>
            {
                var current = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                var connectionString = string.IsNullOrWhiteSpace(current.ConnectionString)
                    ? $"Data Source={Path.Combine(services.GetRequiredService<SitePaths>().DataRoot, "helpcenter.db")}"
                    : current.ConnectionString;
                options.UseSqlite(connectionString)
                    .AddInterceptors(services.GetRequiredService<SqlitePragmaInterceptor>(), services.GetRequiredService<SqliteWriteGate>());
            }, optionsLifetime: ServiceLifetime.Singleton);

            // One process owns a SQLite file: every lease is granted.
            builder.Services.AddSingleton<ISingletonWork, LocalSingletonWork>();
        }

        builder.Services.AddSingleton<SingletonWorkRunner>();

        // First of the hosted services: others (the data-protection key ring's loader among them, registered earlier
        // by AddDataProtection) read tables the migrations create.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        return builder;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. Every explicit transaction that writes goes
    /// through here: on SQLite it holds the process's write gate for the whole transaction (see
    /// <see cref="SqliteWriteGate"/>), so writes outside SaveChanges (ExecuteDelete, raw SQL) cannot deadlock with it.
    /// </summary>
    public static async Task InWriteTransactionAsync(this HelpCenterDbContext db, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(work);
        var gate = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
        await using var hold = gate is null ? null : await gate.HoldAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await work();
        await transaction.CommitAsync(cancellationToken);
    }
}
