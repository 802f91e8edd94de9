using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpCenter.IntegrationTests;

/// <summary>
/// Hosts the real app with its own data folder (a fresh SQLite database, or with HELPCENTER_TEST_DATABASE=PostgreSQL a
/// fresh PostgreSQL database, dropped on dispose: see <see cref="TestDatabase"/>) and, when asked, its own copy of the
/// content folder so that a test can edit files. Hosts given the same data folder share the database.
/// </summary>
public class HelpCenterFactory : WebApplicationFactory<Program>
{
    static HelpCenterFactory()
    {
        // Many hosts in one test run: don't spend an inotify instance per appsettings file.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public HelpCenterFactory()
        : this(copyContent: false)
    {
    }

    protected HelpCenterFactory(bool copyContent)
    {
        DataPath = Path.Combine(Path.GetTempPath(), "hc-data-" + Guid.NewGuid().ToString("N")[..10]);
        ContentPath = copyContent ? CopyContent() : Repository.Content;
    }

    public string DataPath { get; }

    public string ContentPath { get; }

    /// <summary>The PostgreSQL database this host created (null on SQLite, or when it shares another host's).</summary>
    private string? _createdDatabase;

    private string? _databaseDataPath;

    /// <summary>Forces PostgreSQL for this host whatever the run's provider (tests about PostgreSQL itself).</summary>
    protected virtual bool RequirePostgreSql => false;

    /// <summary>Every log line the app wrote, for tests that check what reaches the log.</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Settings a test class wants on top of the defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("HelpCenter:DataPath", DataPath);
        builder.UseSetting("HelpCenter:ContentPath", ContentPath);
        builder.UseSetting("HelpCenter:ContentReloadDelayMilliseconds", "100");
        builder.UseSetting("HelpCenter:RateLimits:PublicFormPermits", "1000");
        builder.UseSetting("HelpCenter:RateLimits:AnalyticsWritesPerVisitorPerMinute", "100000");
        builder.UseSetting("HelpCenter:RateLimits:AnalyticsWritesPerIpPerMinute", "100000");

        // Tests write events for past days straight to the tables; a test that wants the daily aggregates rolls up itself.
        builder.UseSetting("HelpCenter:Insights:RollupIntervalMinutes", "0");

        // The address customers use: every link in mail is built from it (the test server answers as localhost).
        builder.UseSetting("HelpCenter:Mail:PublicBaseUrl", "http://localhost");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestDatabase.IsPostgreSql || RequirePostgreSql)
        {
            _databaseDataPath = Settings.TryGetValue("HelpCenter:DataPath", out var shared) ? shared : DataPath;
            var (connectionString, created) = TestDatabase.ForDataPath(_databaseDataPath);

            // A database of a data folder shared between hosts outlives each of them, as the SQLite file in that folder
            // does (a later instance joins the same site); the run's throw-away server takes it away at the end.
            _createdDatabase = Settings.ContainsKey("HelpCenter:DataPath") ? null : created;
            builder.UseSetting("HelpCenter:Database:Provider", "PostgreSQL");
            builder.UseSetting("HelpCenter:Database:ConnectionString", connectionString);
            builder.UseSetting("HelpCenter:Database:LeaseRetrySeconds", "1");
        }

        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(Logs))));
    }

    /// <summary>Writes the analytics events still queued (searches, views, clicks are written in batches, off the
    /// request path), so that a test can read what a request recorded.</summary>
    public Task FlushAnalyticsAsync() => Services.GetRequiredService<HelpCenter.Analytics.AnalyticsWriter>().FlushAsync();

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public HttpClient CreateBrowserLikeClient(string? acceptLanguage = "ja")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    /// <summary>Like <see cref="CreateBrowserLikeClient(string?)"/>, with the cookies in a container the test can read
    /// (to hand a signed-in session to a SignalR client).</summary>
    public HttpClient CreateBrowserLikeClient(string? acceptLanguage, System.Net.CookieContainer cookies)
    {
        var client = CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (_createdDatabase is not null)
        {
            TestDatabase.Drop(_createdDatabase, _databaseDataPath!);
        }

        TryDelete(DataPath);
        if (ContentPath != Repository.Content)
        {
            TryDelete(ContentPath);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private static string CopyContent()
    {
        var target = Path.Combine(Path.GetTempPath(), "hc-content-" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var file in Directory.EnumerateFiles(Repository.Content, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Repository.Content, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger, IDisposable
        {
            private static readonly AsyncLocal<List<object>> Scopes = new();

            public IDisposable BeginScope<TState>(TState state)
                where TState : notnull
            {
                (Scopes.Value ??= []).Add(state);
                return this;
            }

            public void Dispose()
            {
                if (Scopes.Value is { Count: > 0 } scopes)
                {
                    scopes.RemoveAt(scopes.Count - 1);
                }
            }

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = Scopes.Value is { } list ? string.Join(" ", list.SelectMany(Flatten)) : "";
                lines.Enqueue($"{logLevel} {category} [{scopes}] {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
            }

            private static IEnumerable<string> Flatten(object scope) =>
                scope is IEnumerable<KeyValuePair<string, object>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}") : [scope.ToString() ?? ""];
        }
    }
}

/// <summary>A host with its own editable copy of the content folder.</summary>
public sealed class EditableContentFactory : HelpCenterFactory
{
    public EditableContentFactory()
        : base(copyContent: true)
    {
    }
}

public static class Repository
{
    /// <summary>The repository root: the folder holding wwwroot/ and content/, as the app finds it.</summary>
    public static string Root => HelpCenter.Infrastructure.SiteRoot.Find();

    public static string Content => Path.Combine(Root, "content");
}
