using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Api.Security;

// Commit-to-delivery latency of the SSE stream and of webhooks at a steady write rate, and feed read throughput.
// Starts the built service as a process on 127.0.0.1 against ConnectionStrings__Ledger, a webhook receiver on
// 127.0.0.1, writes organisations at --rate per second for --seconds, and measures, for every write, the arrival of
// its ledger event minus its CloudEvents `recordedtime` (stamped by the ledger just before commit, on this machine's
// clock): an upper bound of commit-to-delivery. Then reads the whole feed --reads times and reports events per second.
// The service trusts a key the bench makes (--Ledger:Auth:SigningKeyFile) and runs without its rate limiter; the writer
// holds an operations token, the consumer (stream, feed reads, its webhook subscription) a subscriber token.

var options = Options.Parse(args);
var service = Service.Start(options);
try
{
    await service.Ready();
    using var http = Service.Client(options, "bench-writer", Roles.Operations);
    using var consumer = Service.Client(options, "bench-subscriber", Roles.Subscriber);
    var run = Guid.NewGuid().ToString("N")[..8];

    var receiver = await Receiver.Start(options.HookPort);
    var secret = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    var head = await Post(http, "/api/models", new { modelId = $"bench-{run}", name = "bench" });
    (await consumer.PostAsJsonAsync("/api/subscriptions", new
    {
        subscriptionId = $"bench-{run}", url = $"http://127.0.0.1:{options.HookPort}/hook", eventTypes = new[] { "ledger.organization-registered.v1" }, secret, after = head,
    })).EnsureSuccessStatusCode();

    var sse = new ConcurrentDictionary<long, double>();
    using var stop = new CancellationTokenSource();
    var stream = Follow(consumer, head, sse, stop.Token);

    // Warm-up: the first requests pay for JIT and Wolverine's code generation; they are written but not measured.
    for (var i = 0; i < options.Rate * options.Warmup; i++)
        await Post(http, "/api/organizations", new { organizationId = $"bench-{run}-warm{i}", name = "bench", country = "US", usPersonEntity = true, sectors = new[] { "energy" } });

    var written = new List<long>();
    var interval = TimeSpan.FromSeconds(1.0 / options.Rate);
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < options.Rate * options.Seconds; i++)
    {
        var due = interval * i;
        if (clock.Elapsed < due)
            await Task.Delay(due - clock.Elapsed);
        written.Add(await Post(http, "/api/organizations", new
        {
            organizationId = $"bench-{run}-{i}", name = "bench", country = "US", usPersonEntity = true, sectors = new[] { "energy" },
        }));
    }

    var achieved = written.Count / clock.Elapsed.TotalSeconds;
    var until = DateTime.UtcNow.AddSeconds(30);
    while ((!written.All(sse.ContainsKey) || !written.All(receiver.Latencies.ContainsKey)) && DateTime.UtcNow < until)
        await Task.Delay(50);
    await stop.CancelAsync();

    // Models registered after the organisations each add an access change per organisation and class, which grows
    // the feed to a size worth reading.
    for (var i = 0; i < options.Models; i++)
        await Post(http, "/api/models", new { modelId = $"bench-{run}-m{i}", name = "bench" });
    var feedRate = await ReadThroughput(consumer, options.Reads);
    var report = new StringBuilder()
        .AppendLine(CultureInfo.InvariantCulture, $"# Feed benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; service, PostgreSQL, consumers and load on the same machine; load average at the end: {LoadAverage()}.")
        .AppendLine(CultureInfo.InvariantCulture, $"Load: {written.Count} organisation registrations at {options.Rate}/s asked ({achieved:F1}/s achieved) after {options.Warmup} s of unmeasured warm-up, one SSE consumer, one webhook subscriber.")
        .AppendLine("Latency: arrival at the consumer minus the event's `recordedtime` (ledger clock, just before commit), so an upper bound of commit-to-delivery.")
        .AppendLine()
        .AppendLine("| channel | delivered | median ms | p99 ms | max ms |")
        .AppendLine("|---|---|---|---|---|")
        .AppendLine(Row("SSE", written, sse))
        .AppendLine(Row("webhook", written, receiver.Latencies))
        .AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Feed read throughput: {feedRate.Events} events in {feedRate.Positions} positions (after {options.Models} more model registrations), GET /api/feed?limit=1000 from position 0 to the end, best of {options.Reads}: {feedRate.PerSecond:F0} events/s.");
    Console.WriteLine(report);
    if (options.Output is { } file)
        await File.WriteAllTextAsync(file, report.ToString());
    // A reused database (LEDGER_BENCH_DB=reuse) must not keep delivering to a receiver that is gone.
    (await consumer.DeleteAsync($"/api/subscriptions/bench-{run}")).Dispose();
    await receiver.DisposeAsync();
    await stream.ContinueWith(_ => { });
}
finally
{
    service.Dispose();
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Row(string name, List<long> written, IReadOnlyDictionary<long, double> latencies)
{
    var values = written.Where(latencies.ContainsKey).Select(p => latencies[p]).Order().ToList();
    if (values.Count == 0)
        return $"| {name} | 0/{written.Count} | - | - | - |";
    double Percentile(double p) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(p * values.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"| {name} | {values.Count}/{written.Count} | {Percentile(0.5):F1} | {Percentile(0.99):F1} | {values[^1]:F1} |");
}

static async Task<long> Post(HttpClient http, string path, object body)
{
    using var response = await http.PostAsJsonAsync(path, body);
    var text = await response.Content.ReadAsStringAsync();
    if ((int)response.StatusCode != 201)
        throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    return JsonDocument.Parse(text).RootElement.GetProperty("position").GetInt64();
}

static double Latency(JsonElement cloudEvent) =>
    (DateTimeOffset.UtcNow - DateTimeOffset.Parse(cloudEvent.GetProperty("recordedtime").GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds;

static async Task Follow(HttpClient http, long after, ConcurrentDictionary<long, double> arrivals, CancellationToken ct)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/feed/stream?after={after}");
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
    try
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
                continue;
            using var batch = JsonDocument.Parse(line[6..]);
            var first = batch.RootElement[0];
            arrivals.TryAdd(long.Parse(first.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture), Latency(first));
        }
    }
    catch (OperationCanceledException)
    {
    }
}

static async Task<(long Events, long Positions, double PerSecond)> ReadThroughput(HttpClient http, int reads)
{
    var best = (Events: 0L, Positions: 0L, PerSecond: 0.0);
    for (var r = 0; r < reads; r++)
    {
        long after = 0, events = 0, positions = 0;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using var page = JsonDocument.Parse(await http.GetStringAsync($"/api/feed?after={after}&limit=1000"));
            var count = page.RootElement.GetProperty("count").GetInt32();
            if (count == 0)
                break;
            positions += count;
            events += page.RootElement.GetProperty("events").GetArrayLength();
            after = page.RootElement.GetProperty("next").GetInt64();
        }

        var rate = events / clock.Elapsed.TotalSeconds;
        if (rate > best.PerSecond)
            best = (events, positions, rate);
    }

    return best;
}

internal sealed record Options(int Rate, int Seconds, int Warmup, int Reads, int Models, int ServicePort, int HookPort, string? Dll, string? Output)
{
    public string ServiceUrl => $"http://127.0.0.1:{ServicePort}";

    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(Number("--rate", 20), Number("--seconds", 15), Number("--warmup", 2), Number("--reads", 3), Number("--models", 20), Number("--service-port", 55477), Number("--hook-port", 55478),
            Value("--dll"), Value("--output"));
    }
}

internal sealed class Service(Process process, Task started) : IDisposable
{
    /// <summary>The local issuer's key: made on first use beside the bench, trusted by the service it starts.</summary>
    private static readonly string KeyFile = Path.Combine(AppContext.BaseDirectory, ".local", "keys", "bench-feed-signing-key.pem");

    /// <summary>A client of the service whose every request carries a token for <paramref name="subject"/> with <paramref name="roles"/>.</summary>
    public static HttpClient Client(Options options, string subject, params string[] roles)
    {
        var token = LocalTokens.Mint(LocalTokens.LoadOrCreate(KeyFile), "directive-ledger-local", "directive-ledger", subject, roles,
            DateTimeOffset.UtcNow, TimeSpan.FromDays(1));
        return new HttpClient { BaseAddress = new Uri(options.ServiceUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
    }

    public static Service Start(Options options)
    {
        var dll = options.Dll ?? throw new ArgumentException("--dll <path to Ledger.Api.dll> is required");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(options.ServiceUrl);
        // The limiter is off: the bench measures the feed, and the writer is one subject writing fast.
        LocalTokens.LoadOrCreate(KeyFile);
        start.ArgumentList.Add($"--Ledger:Auth:SigningKeyFile={KeyFile}");
        start.ArgumentList.Add("--Ledger:RateLimit:Enabled=false");
        // The bench's receiver is plain http on loopback, which webhooks may reach only when a deployment says so.
        start.ArgumentList.Add("--Ledger:Webhooks:AllowHttp=true");
        start.ArgumentList.Add("--Ledger:Webhooks:AllowedNetworks:0=127.0.0.0/8");
        start.ArgumentList.Add($"--Ledger:Webhooks:SecretKeyFile={Path.Combine(Path.GetDirectoryName(KeyFile)!, "webhook-secrets.key")}");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(start)!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started.", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) Console.Error.WriteLine($"[service] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new Service(process, started.Task);
    }

    /// <summary>"Application started." is logged once every hosted service has started: the service's own word that it is ready.</summary>
    public async Task Ready()
    {
        await Task.WhenAny(started, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(60));
        if (!started.IsCompleted)
            throw new InvalidOperationException($"the service exited with {process.ExitCode}");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}

internal sealed class Receiver(WebApplication app) : IAsyncDisposable
{
    public ConcurrentDictionary<long, double> Latencies { get; } = new();

    public static async Task<Receiver> Start(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new Receiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var cloudEvent = body.RootElement;
            receiver.Latencies.TryAdd(long.Parse(cloudEvent.GetProperty("sequence").GetString()!, CultureInfo.InvariantCulture),
                (DateTimeOffset.UtcNow - DateTimeOffset.Parse(cloudEvent.GetProperty("recordedtime").GetString()!, CultureInfo.InvariantCulture)).TotalMilliseconds);
            return Results.NoContent();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
