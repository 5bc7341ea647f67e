using System.Diagnostics;
using System.Net.Http.Headers;
using Ledger.Api.Security;

namespace Ledger.Benchmarks;

/// <summary>The real service, as ops/run starts it, in a child process on its own port; stopped on dispose.</summary>
public sealed class LedgerService : IAsyncDisposable
{
    private readonly Process _process;

    private LedgerService(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public long PeakWorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.PeakWorkingSet64;
        }
    }

    /// <summary>User and system time the service has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    private static readonly string KeyFile = Path.Combine(AppContext.BaseDirectory, ".local", "keys", "bench-signing-key.pem");

    /// <summary>A client of the service carrying a bearer token with every role, signed by the key the service was started with.</summary>
    public static HttpClient Client(Uri address)
    {
        // As long-lived as the service accepts (a longer token is refused as 401), which outlasts any run.
        var token = LocalTokens.Mint(LocalTokens.LoadOrCreate(KeyFile), "directive-ledger-local", "directive-ledger", "benchmark", Roles.All,
            DateTimeOffset.UtcNow, new AuthSettings().MaxTokenLifetime);
        // Its own handler, so each client has its own connection; no proxy lookup, cookies or trace headers to
        // spend the shared cores on.
        var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, ActivityHeadersPropagator = null };
        return new HttpClient(handler) { BaseAddress = address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
    }

    public static async Task<LedgerService> Start(string connectionString, string schema, int port, params string[] settings)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll");
        // The limiter is off: the benchmarks measure the ledger, and every worker shares one subject.
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}", $"--Ledger:Schema={schema}", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", $"--Ledger:Auth:SigningKeyFile={KeyFile}", "--Ledger:RateLimit:Enabled=false", ..settings])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ConnectionStrings__Ledger"] = connectionString;
        // As ops/run starts it: the service connects as its own role only, the owner's connection is db-apply's alone.
        start.Environment.Remove("ConnectionStrings__LedgerOwner");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        // "Application started." is logged once every hosted service has started: the service's own signal that it is ready.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Application started.", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[service] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new LedgerService(process, new Uri($"http://127.0.0.1:{port}"));
        await Task.WhenAny(started.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(10));
        return started.Task.IsCompleted ? service : throw new InvalidOperationException($"the service exited with {process.ExitCode}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
