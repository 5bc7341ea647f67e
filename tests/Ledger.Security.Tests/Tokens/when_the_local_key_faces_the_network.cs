using System.Diagnostics;
using Ledger.Api.Security;

namespace Ledger.Security.Tests.Tokens;

/// <summary>
/// In Production the local signing key is trusted only on loopback (issue 14, item 6): the real service, started as a
/// process listening on every address, stops at start and says how to fix it; on loopback, or with
/// <c>Ledger:Auth:AllowLocalKey</c>, it would run.
/// </summary>
public sealed class when_the_local_key_faces_the_network
{
    [Fact]
    public async Task a_production_start_on_every_address_stops_and_says_why()
    {
        var schema = $"sec_{Guid.NewGuid():N}"[..16];
        // The schema as db-apply makes it, so the start gets as far as the key check and stops there, not earlier.
        await TestRoles.Apply(schema);
        var keys = Directory.CreateTempSubdirectory("ledger-sec-").FullName;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = "http://0.0.0.0:0",
                ["Ledger__Schema"] = schema,
                ["Ledger__Demo"] = "false",
                ["Ledger__Auth__SigningKeyFile"] = Path.Combine(keys, "key.pem"),
                ["ConnectionStrings__Ledger"] = SecureLedger.ConnectionString,
            },
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ledger.Api.dll"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            await SecureLedger.Drop(schema);
            Directory.Delete(keys, recursive: true);
        }

        var said = await output + await errors;
        timeout.IsCancellationRequested.ShouldBeFalse("the service kept running on 0.0.0.0 with the local key");
        process.ExitCode.ShouldNotBe(0);
        said.ShouldContain("Ledger:Auth:AllowLocalKey");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://*:80", false)]
    [InlineData("http://192.168.1.10:5080", false)]
    public void only_loopback_addresses_count_as_loopback(string address, bool loopback) =>
        LocalKeyCheck.IsLoopback(address).ShouldBe(loopback);
}
