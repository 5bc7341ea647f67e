using System.Diagnostics;
using System.Net.Http.Headers;
using Ledger.Domain.Admission;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;
using SessionOptions = Marten.Services.SessionOptions;

namespace Ledger.Api.Ledger;

/// <summary>
/// Pays at start-up what the first request would otherwise pay (issue 7: a first write took 1.2 s): the catch-up
/// of the log, Npgsql's first connection and type loading, the writer's locked read and Marten's first session,
/// the recording steps, the JSON contracts of every fact, a decision, and one request through the HTTP pipeline. It runs before the
/// host reports "Application started.", so readiness means warm. Everything it does leaves nothing behind: reads,
/// a transaction that is rolled back, a decision that is not recorded, and a request that is refused before any
/// endpoint runs.
/// </summary>
internal sealed class LedgerWarmUp(
    NpgsqlDataSource dataSource, IDocumentStore store, LedgerLog log, IEnumerable<IRecordingStep> steps, TimeProvider clock, IServer server,
    ILogger<LedgerWarmUp> logger)
    : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>After every hosted service has started (so Kestrel listens) and before the host reports started.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var snapshot = await log.CatchUp(cancellationToken);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await LedgerWriter.Lock(connection, transaction, cancellationToken);
            await log.ReadAfter(snapshot, connection, transaction, cancellationToken);
            await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
            await session.LoadManyAsync<IdempotencyRecord>(cancellationToken, "warm-up");
            await Record(snapshot, connection, transaction, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }

        // What the first serialisation would do anyway: freeze the options and build each fact's contract.
        LedgerJson.Options.MakeReadOnly(populateMissingResolver: true);
        foreach (var type in LedgerEventTypes.Names.Keys)
            LedgerJson.Options.GetTypeInfo(type);
        Admission.Decide(snapshot.Knowledge, new ModelRegistered("warm-up", "warm-up"), clock.GetUtcNow());
        await Refused(cancellationToken);
        logger.LogInformation("Warmed up in {Milliseconds} ms", watch.ElapsedMilliseconds);
    }

    /// <summary>
    /// Runs the recording steps (whatever features registered) on a model registered in an otherwise empty
    /// ledger and never appended, inside the transaction the caller rolls back, as a rehearsal: their first statements
    /// and code paths, on the smallest ledger there is, whatever the size of the real one.
    /// </summary>
    private async Task Record(LedgerLog.Snapshot snapshot, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var empty = LedgerLog.Snapshot.Empty;
        var fact = new RecordedFact(new ModelRegistered($"warm-up-{Guid.NewGuid():N}", "warm-up"), snapshot.Position + 1, 1, clock.GetUtcNow(), "warm-up");
        var group = new RecordedGroup([new Recorded(fact, empty, LedgerLog.Append(empty, fact))], connection, transaction, Rehearsal: true);
        foreach (var step in steps)
        {
            try
            {
                await step.OnRecorded(group, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A warm-up never stops the service: the first write pays what is left, and meets the failure itself.
                logger.LogWarning(e, "Warming up {Step} failed", step.GetType().Name);
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// A write with a token no key can verify, over loopback to the service itself: routing, bearer validation
    /// (parsing and a failed signature check), the rate limiter and the role matrix run, and it is answered 401
    /// before the body is read. A service listening on no loopback HTTP address skips it.
    /// </summary>
    private async Task Refused(CancellationToken ct)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://127.0.0.1"), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is { Scheme: "http" } && (uri.IsLoopback || uri.Host == "localhost"));
        if (address is null)
            return;
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models")
        {
            Content = new StringContent("""{"modelId":"warm-up","name":"warm-up"}""", new MediaTypeHeaderValue("application/json")),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", UnverifiableToken) },
        };
        using var response = await client.SendAsync(request, ct);
        if ((int)response.StatusCode != StatusCodes.Status401Unauthorized)
            logger.LogWarning("The warm-up's unverifiable token was answered {Status}, not 401", (int)response.StatusCode);
    }

    /// <summary>A well-formed ES256 JWT whose signature is 64 zero bytes, which no key verifies.</summary>
    private const string UnverifiableToken =
        "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ3YXJtLXVwIiwicm9sZXMiOlsib3BlcmF0aW9ucyJdLCJleHAiOjQxMDI0NDQ4MDB9." +
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
}
