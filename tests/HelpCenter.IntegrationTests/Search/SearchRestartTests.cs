using HelpCenter.IntegrationTests.Distributed;

namespace HelpCenter.IntegrationTests.Search;

/// <summary>The index is kept on disk between starts: a restart with unchanged content indexes nothing again.</summary>
public sealed class SearchRestartTests
{
    [Fact]
    public async Task ARestartWithUnchangedContentKeepsTheStoredIndex()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), "hc-restart-" + Guid.NewGuid().ToString("N")[..10]);
        var first = new InstanceFactory(dataPath, "a", redis: null);
        await first.InitializeAsync();
        _ = first.Server;
        var indexed = first.Logs.Single(line => line.Contains("Search index synced", StringComparison.Ordinal));
        await ((IAsyncLifetime)first).DisposeAsync();

        // The same data folder and index: one sync, after the content is loaded, and nothing to index again. (It used to
        // sync against the empty snapshot first, emptying the index, then index every article again.)
        var second = new InstanceFactory(dataPath, "a", redis: null);
        await second.InitializeAsync();
        try
        {
            _ = second.Server;
            var synced = second.Logs.Where(line => line.Contains("Search index synced", StringComparison.Ordinal)).ToList();
            Assert.Matches("Search index synced: [1-9][0-9]* documents changed", indexed);
            var only = Assert.Single(synced);
            Assert.Contains("Search index synced: 0 documents changed", only, StringComparison.Ordinal);
            Assert.DoesNotContain(" 0 in the index", only, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }
}
