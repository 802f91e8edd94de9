using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HelpCenter.Infrastructure.Data;

/// <summary>For <c>dotnet ef migrations add ... --context HelpCenterDbContext</c>. Without it the tools would also
/// accept <see cref="PostgresDesignTimeFactory"/> for this type (the PostgreSQL context derives from it) and write a
/// PostgreSQL migration into the SQLite set.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<HelpCenterDbContext>
{
    public HelpCenterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HelpCenterDbContext>().UseSqlite("Data Source=helpcenter-design.db")
            .UseApplicationServiceProvider(DesignTimeServices.Identity).Options);
}

internal static class DesignTimeServices
{
    /// <summary>Identity reads its schema version (passkeys) from the app's options, which the design-time factories
    /// don't have: the same setting as <c>AccountsExtensions</c>, or a migration would drop the passkeys table.</summary>
    public static IServiceProvider Identity { get; } = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(options =>
            options.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}
