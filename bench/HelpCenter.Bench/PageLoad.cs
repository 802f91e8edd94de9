using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HelpCenter.Bench;

/// <summary>
/// <c>bench pages</c>: HTTP load on the public pages with wrk (2 threads, 32 connections), in rounds that alternate the
/// targets so that a noisy neighbour hits all of them alike. Baselines in the same run: Kestrel serving the article's
/// HTML as a static file from the same process, and nginx serving the same file (the machine's ceiling). Then the start
/// to the first served page and the memory of one instance with 10,000 articles.
/// </summary>
internal static partial class PageLoad
{
    private const string ArticlePath = "/ja/articles/change-personal-info";
    private const string StaticPath = "/bench/article.html";
    private static readonly string SearchPath = "/search?q=" + Uri.EscapeDataString("二段階認証 できない");

    public static async Task<int> RunAsync(int rounds, int seconds, int articles, TextWriter output)
    {
        Install("wrk", "wrk");
        Install("nginx", "/usr/sbin/nginx");
        var siteRoot = CopySiteRoot(Paths.Root, Path.Combine(Path.GetTempPath(), "hc-pages-" + Guid.NewGuid().ToString("N")[..8]), extraArticles: 0);
        // The site inherits this process's environment: DOTNET_gcServer=0 runs it with Workstation GC.
        var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer") switch
        {
            "0" => "Workstation",
            "1" => "Server",
            _ => "Server (the site's default)",
        };
        await using var site = await SiteProcess.StartAsync(Production(siteRoot));
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        // The static baseline is the article page itself, saved as a file of the same size.
        var html = await http.GetByteArrayAsync(new Uri(ArticlePath, UriKind.Relative));
        Directory.CreateDirectory(Path.Combine(siteRoot, "wwwroot", "bench"));
        await File.WriteAllBytesAsync(Path.Combine(siteRoot, "wwwroot", "bench", "article.html"), html);
        using var nginx = StartNginx(Path.Combine(siteRoot, "wwwroot"), out var nginxPort);

        var newQuestions = NewQuestionsScript(siteRoot);
        var targets = new (string Name, string Url, string? Cookie, string? Script)[]
        {
            ("nginx, static file (ceiling)", $"http://127.0.0.1:{nginxPort}{StaticPath}", null, null),
            ("Kestrel, static file (baseline)", new Uri(site.BaseAddress, StaticPath).AbsoluteUri, null, null),
            ("article page, anonymous", new Uri(site.BaseAddress, ArticlePath).AbsoluteUri, null, null),
            ("article page, visitor who voted (rendered, not cached)", new Uri(site.BaseAddress, ArticlePath).AbsoluteUri, "hc_visitor=0123456789abcdef0123456789abcdef; hc_voted=1", null),
            ("search page, one popular question (result cache)", new Uri(site.BaseAddress, SearchPath).AbsoluteUri, null, null),
            ("search page, a new question each time (the evaluation's questions, each with a number added: never cached)", site.BaseAddress.AbsoluteUri, null, newQuestions),
        };

        // Warm-up: JIT, caches, index.
        foreach (var target in targets)
        {
            Wrk(target.Url, target.Cookie, target.Script, 2);
        }

        var results = targets.ToDictionary(t => t.Name, _ => new List<(double Rps, double P99, double Ratio)>());
        for (var round = 1; round <= rounds; round++)
        {
            var order = round % 2 == 1 ? targets : targets.Reverse().ToArray();
            var measured = order.ToDictionary(t => t.Name, t => Wrk(t.Url, t.Cookie, t.Script, seconds));
            var baseline = measured["Kestrel, static file (baseline)"].Rps;
            foreach (var (name, (rps, p99)) in measured)
            {
                results[name].Add((rps, p99, rps / baseline));
            }
        }

        output.WriteLine($"Pages under load: wrk -t2 -c32 -d{seconds}s, {rounds} alternating rounds, {gc} GC, Production settings, {html.Length:N0}-byte article page, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores");
        output.WriteLine();
        output.WriteLine("| target | requests/s (median, min-max) | p99 ms (median, min-max) | of Kestrel static (median, min-max) |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var target in targets)
        {
            var r = results[target.Name];
            output.WriteLine($"| {target.Name} | {Median(r.Select(x => x.Rps)):N0} ({r.Min(x => x.Rps):N0}-{r.Max(x => x.Rps):N0}) | " +
                $"{Median(r.Select(x => x.P99)):F1} ({r.Min(x => x.P99):F1}-{r.Max(x => x.P99):F1}) | " +
                $"{Median(r.Select(x => x.Ratio)):P0} ({r.Min(x => x.Ratio):P0}-{r.Max(x => x.Ratio):P0}) |");
        }

        output.WriteLine($"- site process: peak memory {site.PeakRssKb / 1024.0:F0} MB, {site.CpuSeconds:F0} CPU s");
        await site.DisposeAsync();

        if (articles > 0)
        {
            await StartupAsync(articles, output);
        }

        Paths.Delete(siteRoot);
        return 0;
    }

    /// <summary>Start-up to the first served article and the memory of one instance, with a content folder of
    /// <paramref name="articles"/> articles (copies of the sample ones under new slugs).</summary>
    private static async Task StartupAsync(int articles, TextWriter output)
    {
        var root = CopySiteRoot(Paths.Root, Path.Combine(Path.GetTempPath(), "hc-pages-big-" + Guid.NewGuid().ToString("N")[..8]), articles);
        var count = Directory.EnumerateFiles(Path.Combine(root, "content"), "*.md", SearchOption.AllDirectories).Count();
        var clock = Stopwatch.StartNew();
        await using (var site = await SiteProcess.StartAsync(Production(root)))
        {
            using var http = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
            var first = await http.GetAsync(new Uri(ArticlePath, UriKind.Relative));
            var toFirstPage = clock.Elapsed;
            for (var i = 0; i < 200; i++)
            {
                await http.GetAsync(new Uri($"/ja/articles/change-personal-info-{i % 50}", UriKind.Relative));
                await http.GetAsync(new Uri(SearchPath, UriKind.Relative));
            }

            await Task.Delay(500);
            output.WriteLine($"- {count:N0} articles: first page served {toFirstPage.TotalSeconds:F1} s after the process started ({(int)first.StatusCode}); " +
                $"peak memory {site.PeakRssKb / 1024.0:F0} MB after 400 requests");
        }

        Paths.Delete(root);
    }

    private static Dictionary<string, string> Production(string siteRoot) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["HelpCenter__SiteRoot"] = siteRoot,
        ["HelpCenter__ContentPath"] = Path.Combine(siteRoot, "content"),
        ["HelpCenter__Accounts__SeedDevelopmentAccounts"] = "false",
    };

    /// <summary>wwwroot and content copied to a folder of their own (the benchmark adds a file and articles there).</summary>
    private static string CopySiteRoot(string from, string to, int extraArticles)
    {
        foreach (var folder in new[] { "wwwroot", "content" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(from, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var samples = Directory.EnumerateFiles(Path.Combine(to, "content"), "*.md", SearchOption.AllDirectories).ToList();
        for (var i = 0; samples.Count > 0 && samples.Count * (i + 1) <= extraArticles; i++)
        {
            foreach (var sample in samples)
            {
                var text = File.ReadAllText(sample);
                text = SlugLine().Replace(text, m => m.Value + "-" + i.ToString(CultureInfo.InvariantCulture));
                var name = Path.GetFileNameWithoutExtension(sample) + "-" + i.ToString(CultureInfo.InvariantCulture) + ".md";
                File.WriteAllText(Path.Combine(Path.GetDirectoryName(sample)!, name), text);
            }
        }

        return to;
    }

    /// <summary>A wrk script that asks the evaluation set's Japanese questions in turn, each made unique with a number (a search
    /// the result cache cannot have seen: the whole search runs every time).</summary>
    private static string NewQuestionsScript(string folder)
    {
        var queries = JsonDocument.Parse(File.ReadAllText(Paths.Queries)).RootElement.EnumerateArray()
            .Where(q => q.GetProperty("lang").GetString() == "ja")
            .Select(q => $"\"{Uri.EscapeDataString(q.GetProperty("query").GetString()!)}\"");
        var path = Path.Combine(folder, "new-questions.lua");
        File.WriteAllText(path, $$"""
            local queries = { {{string.Join(",\n", queries)}} }
            local threads = 0
            function setup(thread) threads = threads + 1; thread:set("id", threads) end
            local n = 0
            function request()
              n = n + 1
              local q = queries[(n % #queries) + 1]
              return wrk.format("GET", "/search?q=" .. q .. "%20" .. id .. "0" .. n)
            end
            """);
        return path;
    }

    private static (double Rps, double P99) Wrk(string url, string? cookie, string? script, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", "-c32", $"-d{seconds}s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }

        if (cookie is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add("Cookie: " + cookie);
        }

        start.ArgumentList.Add(url);
        using var wrk = Process.Start(start)!;
        var errorText = wrk.StandardError.ReadToEndAsync();
        var text = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        if (!RequestsPerSecond().IsMatch(text))
        {
            throw new InvalidOperationException($"wrk gave no figures for {url}:\n{text}\n{errorText.Result}");
        }

        var rps = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var p99 = P99().Match(text);
        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var ms = p99.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        if (NonSuccess().Match(text) is { Success: true } errors)
        {
            throw new InvalidOperationException($"{url} answered {errors.Groups[1].Value} non-2xx/3xx responses:\n{text}");
        }

        return (rps, ms);
    }

    private static Process StartNginx(string root, out int port)
    {
        port = SiteProcess.FreePort();
        var prefix = Path.Combine(Path.GetTempPath(), "hc-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        var config = Path.Combine(prefix, "nginx.conf");
        File.WriteAllText(config, $$"""
            worker_processes {{Environment.ProcessorCount}};
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                sendfile on;
                include /etc/nginx/mime.types;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                server { listen 127.0.0.1:{{port}}; root {{root}}; }
            }
            """);
        var nginx = Process.Start(new ProcessStartInfo("/usr/sbin/nginx") { ArgumentList = { "-p", prefix, "-c", config } })!;
        Thread.Sleep(500);
        return nginx;
    }

    /// <summary>Installs a Debian package when its command is missing (as root, or with sudo).</summary>
    private static void Install(string package, string command)
    {
        if (File.Exists(command) || File.Exists("/usr/bin/" + command))
        {
            return;
        }

        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        using var install = Process.Start("bash", ["-c", $"{sudo}apt-get install -y -q {package} >/dev/null 2>&1 || ({sudo}apt-get update -q >/dev/null && {sudo}apt-get install -y -q {package} >/dev/null)"]);
        install.WaitForExit();
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not install {package}.");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"(?m)^slug:\s*\S+")]
    private static partial Regex SlugLine();
}
