using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace HelpCenter.Infrastructure.Data;

/// <summary>
/// The same model as <see cref="HelpCenterDbContext"/> on PostgreSQL. A type of its own only so that EF Core keeps a
/// second migration set (<c>PostgresMigrations/</c>, generated from the same entity configurations); registered as
/// <see cref="HelpCenterDbContext"/>, so no feature knows which provider it talks to.
/// </summary>
public sealed class PostgresHelpCenterDbContext(DbContextOptions<PostgresHelpCenterDbContext> options) : HelpCenterDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);

        // timestamptz takes only UTC offsets; the site writes UTC almost everywhere, but a Japan-time schedule or a
        // parsed date must not turn into a write error on PostgreSQL when SQLite stores it.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}

/// <summary>For <c>dotnet ef migrations add ... --context PostgresHelpCenterDbContext</c>: generating migrations needs
/// the provider, not a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHelpCenterDbContext>
{
    public PostgresHelpCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHelpCenterDbContext>()
            .UseNpgsql("Host=localhost;Database=helpcenter_design")
            .UseApplicationServiceProvider(DesignTimeServices.Identity)
            .Options);
}
