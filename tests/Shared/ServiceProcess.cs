using System.Diagnostics;
using System.Text;

namespace Ledger.Tests.Shared;

/// <summary>
/// The built service as a separate process (<c>dotnet src/Ledger.Api/bin/&lt;cfg&gt;/net10.0/Ledger.Api.dll</c>) on a
/// loopback port, against the database of <c>ConnectionStrings__Ledger</c> (its schema applied first by the caller):
/// a real socket for a browser, and a process a test can kill with SIGKILL.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static async Task<ServiceProcess> Start(int port, IReadOnlyDictionary<string, string> settings, TimeSpan deadline)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // As deployed: the service knows only its own role's connection.
        start.Environment.Remove("ConnectionStrings__LedgerOwner");
        start.ArgumentList.Add(TestRoles.ServiceDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
            start.Environment[key] = value;
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var service = new ServiceProcess(Process.Start(start)!);
        service._process.OutputDataReceived += (_, line) => service.Append(line.Data);
        service._process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();

        // The host logs "Application started." only after every hosted service has started (schema, catch-up,
        // sealing): the service's own word that it is ready, so there is nothing to poll.
        try
        {
            await Task.WhenAny(service._started.Task, service._process.WaitForExitAsync()).WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            service.Dispose();
            throw new TimeoutException($"the service was not ready within {deadline}:\n{service.Output}");
        }

        if (!service._started.Task.IsCompleted)
            throw new InvalidOperationException($"the service exited with {service._process.ExitCode}:\n{service.Output}");
        return service;
    }

    /// <summary>SIGKILL: no graceful shutdown, no flushing, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        if (line.Contains("Application started.", StringComparison.Ordinal))
            _started.TrySetResult();
        lock (_output)
            _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }
}
