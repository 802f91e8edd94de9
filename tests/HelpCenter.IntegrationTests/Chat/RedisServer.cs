using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HelpCenter.IntegrationTests.Chat;

/// <summary>
/// A real Redis on loopback (Debian redis-server, installed by tests/run.sh), without persistence: the one tests/run.sh
/// started for the whole run when <c>HELPCENTER_TEST_REDIS</c> names it (host:port), else one of the test's own.
/// Tests that share the run's server keep apart by <see cref="KeyPrefix"/> (HelpCenter:Redis:KeyPrefix).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "HELPCENTER_TEST_REDIS";

    private readonly Process? _process;

    private RedisServer(Process? process, string connectionString)
    {
        _process = process;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>A prefix of this server's own, for HelpCenter:Redis:KeyPrefix.</summary>
    public string KeyPrefix { get; } = "test-" + Guid.NewGuid().ToString("N")[..10] + ":";

    public static async Task<RedisServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } shared)
        {
            return new RedisServer(null, shared);
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("/usr/bin/redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server (install the Debian package redis-server; tests/run.sh does).");
        var server = new RedisServer(process, $"127.0.0.1:{port}");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("redis-server did not start listening within 10 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return; // the run's server, stopped by tests/run.sh
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
