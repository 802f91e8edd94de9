using HelpCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.IntegrationTests.Infrastructure;

public sealed class MigrationTests
{
    [Fact]
    public async Task SchemaIsOneInitialMigrationMatchingTheModel()
    {
        await using var factory = new HelpCenterFactory();
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration holds: add one with dotnet ef.");
    }

    [Fact]
    public async Task DatabaseWithAMigrationThisVersionDoesNotKnowRefusesToStartAndSaysWhatToDo()
    {
        await using (var first = new HelpCenterFactory())
        {
            _ = first.Server;
            await using (var scope = first.Services.CreateAsyncScope())
            {
                // Through the app's own context, so the same on SQLite and PostgreSQL.
                var db = scope.ServiceProvider.GetRequiredService<HelpCenterDbContext>();
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('20261128215147_ChatQueue', '10.0.15');");
            }

            await using var second = new SameDataFolderFactory(first.DataPath);
            var error = Assert.ThrowsAny<Exception>(() => second.Server);
            var message = Flatten(error);
            Assert.Contains("20261128215147_ChatQueue", message, StringComparison.Ordinal);
            Assert.Contains("delete it", message, StringComparison.Ordinal);
        }
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    private sealed class SameDataFolderFactory(string dataPath) : HelpCenterFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["HelpCenter:DataPath"] = dataPath,
            // The first host still holds its index's write lock.
            ["HelpCenter:Search:IndexPath"] = Path.Combine(dataPath, "second-index"),
        };
    }
}
