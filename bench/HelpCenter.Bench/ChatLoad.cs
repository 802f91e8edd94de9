using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using HelpCenter.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace HelpCenter.Bench;

/// <summary>
/// Live chat under load with the real .NET SignalR client over WebSockets on loopback: customers start chats through
/// the contact pages, operators sign in with two-step verification, every customer sends its messages at a steady pace
/// and every operator watches its share of the conversations. Checked: nothing lost, duplicated or reordered, and at
/// the end the database (fetched through the hub) equals what the senders had acknowledged and what everyone saw.
/// With <c>kills</c> &gt; 0 the site is killed with SIGKILL during the load and started again; clients reconnect,
/// catch up from their last sequence and resend what was not acknowledged with the same client id.
/// The baseline is the same traffic through a bare relay hub (no database, no sign-in) in its own process.
/// </summary>
internal static class ChatLoad
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(2200);

    /// <summary>Calls sent again after their connection dropped (the same client id: stored once either way).</summary>
    private static int _resent;

    public static async Task<int> RunAsync(int customers, int operators, int messages, int kills, bool busyCore, bool twoInstances, TextWriter output)
    {
        output.WriteLine($"chat {(kills > 0 ? "faults" : "load")}: {customers} customers, {operators} operators, {messages} messages each, " +
            $"one every {Pace.TotalSeconds:F1} s; {Environment.ProcessorCount} cores; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; load average {LoadAverage()}");

        // The starved host, made repeatable: one core kept busy by a CPU-bound process for the whole run (baseline included).
        using var burner = busyCore ? Process.Start(new ProcessStartInfo("sha256sum", "/dev/zero") { RedirectStandardOutput = true }) : null;
        if (burner is not null)
        {
            output.WriteLine($"busy core: sha256sum /dev/zero running as pid {burner.Id} for the whole run");
        }

        try
        {
            return await RunLoadAsync(customers, operators, messages, kills, twoInstances, output);
        }
        finally
        {
            burner?.Kill();
            output.WriteLine($"load average at the end {LoadAverage()}");
        }
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task<int> RunLoadAsync(int customers, int operators, int messages, int kills, bool twoInstances, TextWriter output)
    {
        Result? baseline = null;
        if (kills == 0)
        {
            baseline = await RunRelayAsync(customers, operators, messages);
            output.WriteLine($"baseline (bare relay hub): delivered {baseline.Delivered}, p50 {baseline.P50:F1} ms, p99 {baseline.P99:F1} ms, max {baseline.Max:F1} ms");
        }

        await using var sites = twoInstances ? await TwoInstances.StartAsync(output) : new TwoInstances(await SiteProcess.StartAsync(), null, null);
        var result = await RunChatAsync(sites.Customers, sites.Operators, customers, operators, messages, kills, output);
        output.WriteLine($"sent {result.Sent}, acknowledged {result.Acked}, stored {result.Stored} customer messages; operator replies {result.Replies}");
        output.WriteLine($"lost {result.Lost}, duplicated {result.Duplicated}, reordered {result.Reordered}, gaps {result.Gaps}, not caught up {result.NotCaughtUp}, stored but not acknowledged {result.Extra}");
        output.WriteLine($"delivery customer -> operator: p50 {result.P50:F1} ms, p99 {result.P99:F1} ms, max {result.Max:F1} ms ({result.Delivered} live pushes)");
        output.WriteLine($"delivery operator -> customer: p50 {result.ReplyP50:F1} ms, p99 {result.ReplyP99:F1} ms");
        if (baseline is not null)
        {
            output.WriteLine($"ratio p99 chat / baseline: {result.P99 / baseline.P99:F2}x");
        }

        output.WriteLine($"server during the load: {result.CpuSeconds:F1} CPU s over {result.Duration.TotalSeconds:F0} s ({100 * result.CpuSeconds / result.Duration.TotalSeconds:F0} % of one core); " +
            $"peak RSS {sites.Customers.PeakRssKb / 1024} MiB; started {sites.Customers.Starts} times" +
            (sites.Operators == sites.Customers ? "" : $"; operators' instance: peak RSS {sites.Operators.PeakRssKb / 1024} MiB"));
        output.WriteLine($"calls sent again after a dropped connection: {_resent}");
        foreach (var line in result.Notes)
        {
            output.WriteLine(line);
        }

        var ok = result.Lost == 0 && result.Duplicated == 0 && result.Reordered == 0 && result.Gaps == 0 && result.NotCaughtUp == 0 && result.Extra == 0 && result.Stored == result.Acked;
        output.WriteLine(ok ? "OK" : "FAILED");
        return ok ? 0 : 1;
    }

    private sealed record Result(int Sent, int Acked, int Stored, int Replies, int Lost, int Duplicated, int Reordered, int Gaps, int NotCaughtUp, int Extra,
        int Delivered, double P50, double P99, double Max, double ReplyP50, double ReplyP99, TimeSpan Duration, double CpuSeconds, IReadOnlyList<string> Notes);

    /// <summary>One conversation as one side sees it: every sequence received (live or fetched after a reconnect),
    /// pushes received twice (a duplicate), and pushes that arrived after a higher one (clients order by sequence).</summary>
    private sealed class View
    {
        private readonly HashSet<int> _seen = [];
        private readonly HashSet<int> _pushed = [];
        private int _lastPushed;

        public int Duplicates { get; private set; }

        public int Inversions { get; private set; }

        public IReadOnlyCollection<int> Seen
        {
            get
            {
                lock (this)
                {
                    return _seen.ToList();
                }
            }
        }

        /// <summary>The highest n with 1..n all seen: where a reconnecting client asks to continue.</summary>
        public int Contiguous
        {
            get
            {
                lock (this)
                {
                    var n = 0;
                    while (_seen.Contains(n + 1))
                    {
                        n++;
                    }

                    return n;
                }
            }
        }

        /// <summary>A live push; false when this sequence was pushed before (counted as a duplicate).</summary>
        public bool Push(int sequence)
        {
            lock (this)
            {
                if (!_pushed.Add(sequence))
                {
                    Duplicates++;
                    return false;
                }

                _seen.Add(sequence);
                if (sequence < _lastPushed)
                {
                    Inversions++;
                }

                _lastPushed = Math.Max(_lastPushed, sequence);
                return true;
            }
        }

        /// <summary>Known from an acknowledgement or a fetch (a fetch may overlap pushes: that is not a duplicate).</summary>
        public void Fetched(IEnumerable<int> sequences)
        {
            lock (this)
            {
                _seen.UnionWith(sequences);
            }
        }

        public bool Has(int sequence)
        {
            lock (this)
            {
                return _seen.Contains(sequence);
            }
        }
    }

    /// <summary>The customers' instance and the operators' instance: the same process, or (<c>--two-instances</c>) two
    /// processes on one PostgreSQL database and one Redis.</summary>
    private static async Task<Result> RunChatAsync(SiteProcess server, SiteProcess operatorSite, int customerCount, int operatorCount, int messages, int kills,
        TextWriter output)
    {
        var notes = new List<string>();
        var setup = Stopwatch.StartNew();
        var emails = await operatorSite.CreateOperatorsAsync(operatorCount);
        var operatorCookies = await Task.WhenAll(emails.Select(operatorSite.SignInAsync));
        var chats = new List<(string Reference, CookieContainer Cookies)>();
        foreach (var batch in Enumerable.Range(0, customerCount).Chunk(20))
        {
            chats.AddRange(await Task.WhenAll(batch.Select(i => server.StartChatAsync($"出金が反映されません（負荷試験 {i}）"))));
        }

        notes.Add($"setup: {operatorCount} operators signed in, {customerCount} chats started through the contact pages in {setup.Elapsed.TotalSeconds:F0} s");
        var sentAt = new ConcurrentDictionary<string, long>();
        var toOperator = new ConcurrentBag<double>();
        var toCustomer = new ConcurrentBag<double>();
        var operatorViews = chats.ToDictionary(c => c.Reference, _ => new View());
        var customerViews = chats.ToDictionary(c => c.Reference, _ => new View());
        var acked = new ConcurrentDictionary<string, int>();
        var replies = new ConcurrentDictionary<string, int>();
        var replying = new ConcurrentBag<Task>();

        // Operators: each watches its share of the conversations and answers the 10th message of each once.
        var operatorConnections = new List<HubConnection>();
        for (var o = 0; o < operatorCount; o++)
        {
            var mine = chats.Where((_, i) => i % operatorCount == o).Select(c => c.Reference).ToList();
            var connection = Connect(operatorSite.BaseAddress, "/hubs/chat", operatorCookies[o]);
            var answered = new ConcurrentDictionary<string, bool>();
            connection.On<ChatMessage>("MessageAdded", m =>
            {
                if (m.Kind != "Customer" || !operatorViews.TryGetValue(m.Reference, out var view) || !view.Push(m.Sequence))
                {
                    return;
                }

                if (m.ClientId is not null && sentAt.TryGetValue(m.ClientId, out var start))
                {
                    toOperator.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                if (m.Text.EndsWith("#10", StringComparison.Ordinal) && answered.TryAdd(m.Reference, true))
                {
                    replying.Add(ReplyAsync(connection, m.Reference));
                }
            });
            connection.Reconnected += async _ =>
            {
                foreach (var reference in mine)
                {
                    operatorViews[reference].Fetched((await connection.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, operatorViews[reference].Contiguous))
                        .Where(m => m.Kind == "Customer").Select(m => m.Sequence));
                }
            };
            await connection.StartAsync();
            foreach (var reference in mine)
            {
                operatorViews[reference].Fetched((await connection.InvokeAsync<List<ChatMessage>>("AgentJoin", reference, 0)).Where(m => m.Kind == "Customer").Select(m => m.Sequence));
            }

            operatorConnections.Add(connection);
        }

        async Task ReplyAsync(HubConnection connection, string reference)
        {
            var clientId = "reply-" + reference;
            sentAt[clientId] = Stopwatch.GetTimestamp();
            var reply = await InvokeWithRetryAsync(connection, () => connection.InvokeAsync<ChatMessage>("AgentSend", reference, clientId, "確認いたします。少々お待ちください。", false));
            replies[clientId] = reply.Sequence;
        }

        // Customers.
        var customerConnections = new List<(string Reference, HubConnection Connection)>();
        foreach (var (reference, cookies) in chats)
        {
            var connection = Connect(server.BaseAddress, "/hubs/chat", cookies);
            var view = customerViews[reference];
            connection.On<ChatMessage>("MessageAdded", m =>
            {
                if (m.Reference != reference || !view.Push(m.Sequence))
                {
                    return;
                }

                if (m.Kind == "Agent" && m.ClientId is not null && sentAt.TryGetValue(m.ClientId, out var start))
                {
                    toCustomer.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            });
            connection.Reconnected += async _ =>
                view.Fetched((await connection.InvokeAsync<List<ChatMessage>>("Join", reference, view.Contiguous)).Select(m => m.Sequence));
            await connection.StartAsync();
            view.Fetched((await connection.InvokeAsync<List<ChatMessage>>("Join", reference, 0)).Select(m => m.Sequence));
            customerConnections.Add((reference, connection));
        }

        notes.Add($"connected: {operatorConnections.Count + customerConnections.Count} WebSocket connections in {setup.Elapsed.TotalSeconds:F0} s from the start");
        var clock = Stopwatch.StartNew();
        double Cpu() => server.CpuSeconds + (operatorSite == server ? 0 : operatorSite.CpuSeconds);
        var cpuBefore = Cpu();
        var random = new Random(7);
        var sending = customerConnections.Select(c => SendAllAsync(c.Reference, c.Connection, random.Next((int)Pace.TotalMilliseconds))).ToList();

        async Task SendAllAsync(string reference, HubConnection connection, int offset)
        {
            await Task.Delay(offset);
            var view = customerViews[reference];
            for (var i = 1; i <= messages; i++)
            {
                var due = TimeSpan.FromMilliseconds(offset) + (i - 1) * Pace;
                if (clock.Elapsed < due)
                {
                    await Task.Delay(due - clock.Elapsed);
                }

                var clientId = $"{reference}-{i:D2}";
                sentAt.TryAdd(clientId, Stopwatch.GetTimestamp());
                var stored = await InvokeWithRetryAsync(connection, () => connection.InvokeAsync<ChatMessage>("Send", reference, clientId, $"メッセージ #{i}"));
                acked[clientId] = stored.Sequence;
                view.Fetched([stored.Sequence]);
            }
        }

        // Faults: SIGKILL spread over the sending phase, then start again on the same data and port.
        var sendingPhase = Pace * messages;
        for (var k = 1; k <= kills; k++)
        {
            var at = sendingPhase * k / (kills + 1);
            if (clock.Elapsed < at)
            {
                await Task.Delay(at - clock.Elapsed);
            }

            await server.KillAsync();
            var killedAt = clock.Elapsed;
            await Task.Delay(500);
            var startup = await server.RestartAsync();
            notes.Add($"kill {k} at {killedAt.TotalSeconds:F1} s: site answering again after {startup.TotalSeconds:F1} s");
        }

        await Task.WhenAll(sending);
        await Task.WhenAll(replying);

        // Everyone catches up: wait until the operators have seen every acknowledged customer message (live or fetched).
        var deadline = Stopwatch.StartNew();
        while (acked.Any(a => !operatorViews[a.Key[..a.Key.LastIndexOf('-')]].Has(a.Value)) && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        await Task.Delay(1000);
        var duration = clock.Elapsed;
        var cpu = Cpu() - cpuBefore;

        // The truth: every conversation as stored, through the hub.
        int stored = 0, lost = 0, gaps = 0, notCaughtUp = 0, extra = 0, reordered = 0;
        foreach (var (reference, connection) in customerConnections)
        {
            var all = await InvokeWithRetryAsync(connection, () => connection.InvokeAsync<List<ChatMessage>>("Fetch", reference, 0));
            var sequences = all.Select(m => m.Sequence).ToList();
            gaps += sequences.SequenceEqual(Enumerable.Range(1, sequences.Count)) ? 0 : 1;
            var customerIds = all.Where(m => m.Kind == "Customer" && m.ClientId is not null && m.ClientId.StartsWith(reference + "-", StringComparison.Ordinal))
                .Select(m => m.ClientId!).ToList();
            stored += customerIds.Count;
            var mineAcked = acked.Keys.Where(k => k.StartsWith(reference + "-", StringComparison.Ordinal)).ToHashSet();

            // Reordered: a customer's messages stored in another order than sent (#1 < #2 < ... by sequence).
            var inSendingOrder = mineAcked.Order(StringComparer.Ordinal).Select(id => acked[id]).ToList();
            reordered += inSendingOrder.SequenceEqual(inSendingOrder.Order()) ? 0 : 1;
            lost += mineAcked.Count(id => !customerIds.Contains(id));
            extra += customerIds.Count(id => !mineAcked.Contains(id)) + (customerIds.Count - customerIds.Distinct().Count());
            var customerSeen = customerViews[reference].Seen.ToHashSet();
            var operatorSeen = operatorViews[reference].Seen.ToHashSet();
            var customerSeq = all.Where(m => m.Kind == "Customer").Select(m => m.Sequence);
            notCaughtUp += sequences.All(customerSeen.Contains) && customerSeq.All(operatorSeen.Contains) ? 0 : 1;
        }

        var duplicated = operatorViews.Values.Sum(v => v.Duplicates) + customerViews.Values.Sum(v => v.Duplicates);
        var inversions = operatorViews.Values.Sum(v => v.Inversions) + customerViews.Values.Sum(v => v.Inversions);
        notes.Add($"pushes that arrived after a higher sequence (shown in sequence order by clients): {inversions}");
        foreach (var connection in operatorConnections.Concat(customerConnections.Select(c => c.Connection)))
        {
            await connection.DisposeAsync();
        }

        var (p50, p99, max) = Percentiles(toOperator);
        var (rp50, rp99, _) = Percentiles(toCustomer);
        return new Result(customerCount * messages, acked.Count, stored, replies.Count, lost, duplicated, reordered, gaps, notCaughtUp, extra,
            toOperator.Count, p50, p99, max, rp50, rp99, duration, cpu, notes);
    }

    /// <summary>Retries a call until the connection is back (after a kill) with the same arguments: the client id makes
    /// a resend idempotent. "rate-limited" waits a little; any other refusal is a real error.</summary>
    private static async Task<T> InvokeWithRetryAsync<T>(HubConnection connection, Func<Task<T>> call)
    {
        var give = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (connection.State == HubConnectionState.Connected)
                {
                    return await call();
                }
            }
            catch (HubException e) when (e.Message.Contains("rate-limited", StringComparison.Ordinal))
            {
                await Task.Delay(2000);
            }
            catch (Exception e) when (e is not HubException)
            {
                // The connection dropped under the call: wait for the reconnect and send the same again.
                Interlocked.Increment(ref _resent);
            }

            if (give.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("The connection did not come back within 3 minutes.");
            }

            await Task.Delay(100);
        }
    }

    private static HubConnection Connect(Uri server, string path, CookieContainer cookies) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(server, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Cookies = cookies;
            })
            .WithAutomaticReconnect(new SteadyRetry())
            .Build();

    /// <summary>Every 500 ms for 3 minutes: long enough for the site to start again after a kill.</summary>
    private sealed class SteadyRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(3) ? TimeSpan.FromMilliseconds(500) : null;
    }

    private static (double P50, double P99, double Max) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return (0, 0, 0);
        }

        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return (At(0.50), At(0.99), sorted[^1]);
    }

    // ---- Baseline: the same traffic through a bare relay hub in its own process ----

    private static async Task<Result> RunRelayAsync(int customerCount, int operatorCount, int messages)
    {
        var port = SiteProcess.FreePort();
        using var relay = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(ChatLoad).Assembly.Location, "relay-server", "--port", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start the relay.");
        var address = new Uri($"http://127.0.0.1:{port}");
        try
        {
            using (var http = new HttpClient())
            {
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await http.GetAsync(address);
                        break;
                    }
                    catch (HttpRequestException) when (attempt < 200)
                    {
                        await Task.Delay(100);
                    }
                }
            }

            var sentAt = new ConcurrentDictionary<string, long>();
            var latencies = new ConcurrentBag<double>();
            var connections = new List<HubConnection>();
            for (var o = 0; o < operatorCount; o++)
            {
                var connection = Connect(address, "/relay", new CookieContainer());
                connection.On<ChatMessage>("MessageAdded", m =>
                {
                    if (m.ClientId is not null && sentAt.TryGetValue(m.ClientId, out var start))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                });
                await connection.StartAsync();
                for (var c = o; c < customerCount; c += operatorCount)
                {
                    await connection.InvokeAsync("Join", $"chat-{c}");
                }

                connections.Add(connection);
            }

            var customers = new List<(int Index, HubConnection Connection)>();
            for (var c = 0; c < customerCount; c++)
            {
                var connection = Connect(address, "/relay", new CookieContainer());
                await connection.StartAsync();
                await connection.InvokeAsync("Join", $"chat-{c}");
                customers.Add((c, connection));
                connections.Add(connection);
            }

            var clock = Stopwatch.StartNew();
            var random = new Random(7);
            await Task.WhenAll(customers.Select(async c =>
            {
                var offset = random.Next((int)Pace.TotalMilliseconds);
                for (var i = 1; i <= messages; i++)
                {
                    var due = TimeSpan.FromMilliseconds(offset) + (i - 1) * Pace;
                    if (clock.Elapsed < due)
                    {
                        await Task.Delay(due - clock.Elapsed);
                    }

                    var clientId = $"chat-{c.Index}-{i:D2}";
                    sentAt[clientId] = Stopwatch.GetTimestamp();
                    await c.Connection.InvokeAsync<int>("Send", $"chat-{c.Index}", clientId, $"メッセージ #{i}");
                }
            }));
            await Task.Delay(1000);
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }

            var (p50, p99, max) = Percentiles(latencies);
            return new Result(customerCount * messages, 0, 0, 0, 0, 0, 0, 0, 0, 0, latencies.Count, p50, p99, max, 0, 0, clock.Elapsed, 0, []);
        }
        finally
        {
            relay.Kill();
        }
    }
}

/// <summary>The baseline's hub: joins a group and forwards each message to the others in it, nothing stored.</summary>
public sealed class RelayHub : Hub
{
    private static int _sequence;

    /// <summary>The relay as its own process (<c>relay-server --port N</c>).</summary>
    public static async Task<int> RunAsync(int port)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        Microsoft.AspNetCore.Hosting.HostingAbstractionsWebHostBuilderExtensions.UseUrls(builder.WebHost, $"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        var app = builder.Build();
        Microsoft.AspNetCore.Builder.HubEndpointRouteBuilderExtensions.MapHub<RelayHub>(app, "/relay");
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/", () => "relay");
        await app.RunAsync();
        return 0;
    }

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task<int> Send(string group, string clientId, string text)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        await Clients.OthersInGroup(group).SendAsync("MessageAdded", new ChatMessage(group, sequence, clientId, "Customer", null, text, DateTimeOffset.UtcNow));
        return sequence;
    }
}
