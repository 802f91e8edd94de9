using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using HelpCenter.Accounts;
using HelpCenter.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace HelpCenter.Bench;

/// <summary>
/// The site as its own process (chat and page benchmarks) (so that it can be killed with SIGKILL and started again on the same data folder and
/// port), built in Release beforehand. Tracks the CPU time and peak memory of every process it started.
/// </summary>
internal sealed partial class SiteProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private double _cpuOfKilled;
    private (double Cpu, long PeakKb) _last;
    private readonly CancellationTokenSource _sampling = new();

    private SiteProcess(string dataPath, int port, Dictionary<string, string> environment, string logFile)
    {
        DataPath = dataPath;
        Port = port;
        _environment = environment;
        LogFile = logFile;
        _ = SampleAsync(_sampling.Token);
    }

    public string DataPath { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int Starts { get; private set; }

    public long PeakRssKb { get; private set; }

    public double CpuSeconds => _cpuOfKilled + _last.Cpu;

    public static string Dll => Path.Combine(Paths.Root, "src", "HelpCenter", "bin", "Release", "net10.0", "HelpCenter.dll");

    /// <summary>A fresh data folder; the public-form limits raised (500 customers come from one address), operators
    /// kept away from automatic assignment (they join their conversations themselves), articles not offered.
    /// <paramref name="overrides"/> replace or add environment variables (another environment, site root...).</summary>
    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string>? overrides = null, string name = "site")
    {
        if (!File.Exists(Dll))
        {
            throw new FileNotFoundException($"Build the site first: dotnet build -c Release src/HelpCenter ({Dll} is missing).");
        }

        var dataPath = Path.Combine(Path.GetTempPath(), "hc-chat-bench-" + Guid.NewGuid().ToString("N")[..10]);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["HelpCenter__DataPath"] = dataPath,
            ["HelpCenter__Mail__PublicBaseUrl"] = "http://localhost",
            ["HelpCenter__Accounts__SeedDevelopmentAccounts"] = "true",
            ["HelpCenter__Accounts__SignInPermitsPerIp"] = "100000",
            ["HelpCenter__RateLimits__PublicFormPermits"] = "100000",
            // 500 customers come from one address: the per-address budget of contact flows and other analytics writes too.
            ["HelpCenter__RateLimits__AnalyticsWritesPerIpPerMinute"] = "1000000",
            ["HelpCenter__Chat__SuggestedArticles"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var port = FreePort();
        // Production refuses to start without the public base URL: links in mail and the sitemap are built from it.
        environment.TryAdd("HelpCenter__Mail__PublicBaseUrl", $"http://127.0.0.1:{port}");
        var server = new SiteProcess(dataPath, port, environment, LogFileOf(name));
        File.Delete(server.LogFile);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the process (again) and waits until /healthz answers.</summary>
    public async Task<TimeSpan> RestartAsync()
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Dll, "--urls", BaseAddress.ToString().TrimEnd('/') },
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the site.");
        // The site logs warnings and errors only (set above), into a file next to the figures.
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Starts++;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The site exited with {_process.ExitCode} while starting.");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseAddress, "/healthz"))).IsSuccessStatusCode)
                {
                    return clock.Elapsed;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The site did not answer /healthz within 2 minutes.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flushing; whatever was not committed is gone.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Not running.");
        Sample(process);
        _cpuOfKilled += _last.Cpu;
        _last = default;
        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
    }

    /// <summary>Creates operators (Agent role, two-step verification with a known key) directly in the database, as the
    /// integration tests do: the site itself has no way to mint staff accounts without an admin.</summary>
    public async Task<IReadOnlyList<string>> CreateOperatorsAsync(int count)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (_environment.TryGetValue("HelpCenter__Database__ConnectionString", out var postgres))
        {
            services.AddDbContext<HelpCenterDbContext, PostgresHelpCenterDbContext>(o => o.UseNpgsql(postgres));
        }
        else
        {
            services.AddDbContext<HelpCenterDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(DataPath, "helpcenter.db")}"));
        }

        // The site's own password rules accept the development password (its seeded accounts use it); Identity's
        // defaults here would not, and they do not matter for accounts made by the benchmark.
        services.AddIdentityCore<ApplicationUser>(o => o.Password = new PasswordOptions { RequireUppercase = false, RequireNonAlphanumeric = false })
            .AddRoles<IdentityRole>().AddEntityFrameworkStores<HelpCenterDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var store = (IUserAuthenticatorKeyStore<ApplicationUser>)scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>();
        var emails = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var email = $"operator{i:D2}@bench.example";
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Operator {i:D2}", CreatedAt = DateTimeOffset.UtcNow };
            Check(await users.CreateAsync(user, AccountSeeder.DevelopmentPassword));
            Check(await users.AddToRolesAsync(user, [Roles.Customer, Roles.Agent]));
            await store.SetAuthenticatorKeyAsync(user, AccountSeeder.DevelopmentAuthenticatorKey, CancellationToken.None);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            emails.Add(email);
        }

        return emails;
    }

    /// <summary>Signs in through the site's own pages (password, then the authenticator code).</summary>
    public async Task<CookieContainer> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        using var http = Client(cookies);
        var login = await http.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var first = await http.PostAsync(new Uri("/account/login", UriKind.Relative), Form(login,
            ("Input.Email", email), ("Input.Password", AccountSeeder.DevelopmentPassword)));
        var secondUrl = first.Headers.Location ?? throw new InvalidOperationException($"Sign-in of {email} did not ask for the code ({first.StatusCode}).");
        var second = await http.GetStringAsync(secondUrl);
        var code = new Totp(Base32Encoding.ToBytes(AccountSeeder.DevelopmentAuthenticatorKey)).ComputeTotp();
        var done = await http.PostAsync(secondUrl, Form(second, ("Input.Code", code)));
        if (done.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Two-step sign-in of {email} failed ({done.StatusCode}).");
        }

        return cookies;
    }

    /// <summary>Starts a chat as a customer does: the contact page, the question, "start a chat". Returns the reference
    /// and the browser's cookies (the conversation cookie among them).</summary>
    public async Task<(string Reference, CookieContainer Cookies)> StartChatAsync(string question)
    {
        var cookies = new CookieContainer();
        using var http = Client(cookies);
        var contact = await http.GetStringAsync(new Uri("/contact", UriKind.Relative));
        var flow = WebUtility.HtmlDecode(FlowToken().Match(contact).Groups[1].Value);
        var channels = await http.GetStringAsync(new Uri($"/contact/channels?flow={Uri.EscapeDataString(flow)}&q={Uri.EscapeDataString(question)}", UriKind.Relative));
        var started = await http.PostAsync(new Uri("/contact/channels?handler=Chat", UriKind.Relative), Form(channels, ("flow", flow)));
        var location = started.Headers.Location?.OriginalString ?? throw new InvalidOperationException($"Starting a chat failed ({started.StatusCode}).");
        return (location["/chat/".Length..], cookies);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _sampling.CancelAsync();
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _sampling.Dispose();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool _disposed;

    /// <summary>Where the site's warnings and errors go (kept after the run).</summary>
    public string LogFile { get; }

    /// <summary>The log of the instance started with <paramref name="name"/> (<c>hc-chat-bench-site.log</c> for the default).</summary>
    public static string LogFileOf(string name) => Path.Combine(Path.GetTempPath(), name == "site" ? "hc-chat-bench-site.log" : $"hc-chat-bench-{name}.log");

    private static readonly Lock LogLock = new();

    private void Log(string? line)
    {
        if (line is { Length: > 0 })
        {
            lock (LogLock)
            {
                File.AppendAllText(LogFile, line + "\n");
            }
        }
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static FormUrlEncodedContent Form(string html, params (string Name, string Value)[] values)
    {
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        return new FormUrlEncodedContent(values.Select(v => KeyValuePair.Create(v.Name, v.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (_process is { } process)
                {
                    Sample(process);
                }

                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>CPU seconds (user + system, from /proc/PID/stat in clock ticks of 1/100 s) and peak resident memory (VmHWM).</summary>
    private void Sample(Process process)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
            var status = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var peak = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            _last = (cpu, peak);
            PeakRssKb = Math.Max(PeakRssKb, peak);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The process is gone between two samples.
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("data-flow=\"([^\"]+)\"")]
    private static partial Regex FlowToken();
}
