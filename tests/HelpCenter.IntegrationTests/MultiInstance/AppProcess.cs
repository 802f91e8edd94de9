using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpCenter.IntegrationTests.MultiInstance;

/// <summary>
/// The built site (<c>src/HelpCenter/bin/&lt;configuration&gt;/net10.0/HelpCenter.dll</c>) as a real process on a
/// loopback port, configured through environment variables as an operator would, ready once <c>/healthz/ready</c>
/// answers 200.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote, for failure messages.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SiteDll() },
            WorkingDirectory = Path.GetDirectoryName(SiteDll())!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet " + SiteDll());
        var app = new AppProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { app.Output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { app.Output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync();
        return app;
    }

    /// <summary>A browser-like client (cookies, no redirects followed) on this instance.</summary>
    public HttpClient CreateClient(CookieContainer cookies)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja");
        return client;
    }

    /// <summary>kill -9: no shutdown, nothing flushed, connections cut.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public string Describe() => $"instance {Name} ({BaseAddress}), last output:\n" + string.Join("\n", Output.TakeLast(40));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The app exited during start: " + Describe());
            }

            try
            {
                if ((await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The app was not ready within 120 s: " + Describe());
    }

    /// <summary>The site as built next to this test run (same configuration: Release or Debug).</summary>
    private static string SiteDll()
    {
        var testFolder = Path.GetDirectoryName(typeof(AppProcess).Assembly.Location)!;
        var configuration = new DirectoryInfo(testFolder).Parent!.Name; // bin/<configuration>/net10.0
        var dll = Path.Combine(Repository.Root, "src", "HelpCenter", "bin", configuration, "net10.0", "HelpCenter.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the site first (dotnet build -c {configuration}).", dll);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
