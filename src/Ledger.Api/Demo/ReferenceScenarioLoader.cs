using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ledger.Api.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Api.Demo;

/// <summary>
/// With <c>Ledger:Demo=true</c>, records the reference scenario and its annex (<see cref="ReferenceScenario.Demo"/>) through the service's own HTTP API once it
/// listens. Each request carries an idempotency key, so a second run answers as the first and appends nothing.
/// It authenticates like any client, with a short-lived token of the local key naming it as the actor.
/// </summary>
internal sealed class ReferenceScenarioLoader(
    IServer server, IHostApplicationLifetime lifetime, LocalTokens tokens, ILogger<ReferenceScenarioLoader> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        if (!tokens.Available)
        {
            logger.LogError("The demo mints its token with the local key, but this service trusts an identity provider; load the scenario with a token from it");
            return;
        }

        var token = tokens.Mint("reference-scenario", [Roles.Compliance, Roles.Operations], TimeSpan.FromMinutes(10));
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("the server has no address to load the demo through");
        using var client = new HttpClient { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1")) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var requests = ReferenceScenario.Demo();
        for (var i = 0; i < requests.Count; i++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, requests[i].Path) { Content = JsonContent.Create(requests[i].Body) };
            message.Headers.Add("Idempotency-Key", $"reference-scenario-{i:D2}");
            using var response = await client.SendAsync(message, stoppingToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogError("Demo request {Path} failed with {Status}: {Body}", requests[i].Path, (int)response.StatusCode,
                    await response.Content.ReadAsStringAsync(stoppingToken));
                return;
            }
        }

        logger.LogInformation("Loaded the reference scenario ({Count} requests); try {Address}/api/access-matrix?asOf=2026-06-27T12:00:00Z",
            requests.Count, address);
    }
}
