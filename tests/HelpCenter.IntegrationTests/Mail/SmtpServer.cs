using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace HelpCenter.IntegrationTests.Mail;

/// <summary>
/// A real SMTP server on loopback: Debian's aiosmtpd (python3-aiosmtpd, installed by tests/run.sh) writing what it
/// receives into a Maildir, which the tests read with MimeKit.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpServer(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The Maildir the server writes to (new/, cur/, tmp/).</summary>
    public string Maildir => _maildir;

    public static async Task<SmtpServer> StartAsync()
    {
        var maildir = Path.Combine(Path.GetTempPath(), "hc-smtp-" + Guid.NewGuid().ToString("N")[..10]);
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        var server = new SmtpServer(process, maildir, port);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("aiosmtpd exited: " + await process.StandardError.ReadToEndAsync() +
                    " (install the Debian package python3-aiosmtpd; tests/run.sh does)");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("aiosmtpd did not start listening within 10 s.");
    }

    /// <summary>Waits for a message to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public async Task<MimeMessage> WaitForMailAsync(string to, string? subjectPart = null, int skip = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var matches = Received(to).Where(m => subjectPart is null || (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal)).ToList();
            if (matches.Count > skip)
            {
                return matches[skip];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} ({subjectPart}) within the timeout; received: " +
                    string.Join(", ", Received(null).Select(m => $"{m.To} '{m.Subject}'")));
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Every message received so far for <paramref name="to"/> (all of them when null), oldest first.</summary>
    public IReadOnlyList<MimeMessage> Received(string? to)
    {
        var folder = Path.Combine(_maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder)
            .Select(file => (File: file, Time: File.GetLastWriteTimeUtc(file)))
            .OrderBy(f => f.Time).ThenBy(f => f.File, StringComparer.Ordinal)
            .Select(f => MimeMessage.Load(f.File))
            .Where(m => to is null || m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>The first link in the plain-text body that starts with <paramref name="prefix"/>.</summary>
    public static string LinkIn(MimeMessage message, string prefix)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.TextBody ?? throw new InvalidOperationException("The mail has no text part.");
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No link starting with {prefix} in: {text}");
        }

        var end = text.IndexOfAny([' ', '\r', '\n'], start);
        return end < 0 ? text[start..] : text[start..end];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_maildir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
