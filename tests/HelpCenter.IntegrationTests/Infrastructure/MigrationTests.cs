using HelpCenter.Infrastructure.Data;
using Microsoft.Data.Sqlite;
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
            var file = Path.Combine(first.DataPath, "helpcenter.db");
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('20261128215147_ChatQueue', '10.0.15');";
            await command.ExecuteNonQueryAsync();

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
