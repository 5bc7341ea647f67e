using System.Collections.Concurrent;
using System.Diagnostics;
using Ledger.Api.Security;
using Xunit.Abstractions;

namespace Ledger.Security.Tests.Hostile;

/// <summary>
/// More than 10,000 malformed or hostile requests through the in-memory server of one host: none is answered
/// with a 5xx or crashes, none appends an event, no 400 names a .NET type or member, and afterwards the service still
/// answers reads and writes.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_fuzzing(SecureLedger ledger, ITestOutputHelper output)
{
    [Fact]
    public async Task ten_thousand_hostile_requests_break_nothing_and_write_nothing()
    {
        (await ledger.Send("POST", "/api/organizations/acme-analytics/vettings", ledger.Token(Roles.Compliance), new JsonObject
        {
            ["vettingId"] = "V-fuzz-rejected", ["easingId"] = SecureLedger.Easing, ["outcome"] = "rejected", ["vettedBy"] = "fuzz",
            ["criteria"] = new JsonArray(), ["effectiveAt"] = "2026-06-27T00:00:00Z",
        })).Status.ShouldBeOneOf(201, 409);

        var requests = new Fuzz(ledger, seed: 20260612).Requests().ToList();
        requests.Count.ShouldBeGreaterThanOrEqualTo(10_000);
        var outcomes = new ConcurrentDictionary<(string Kind, int Status), int>();
        var failures = new ConcurrentBag<string>();
        var before = await ledger.EventCount();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            try
            {
                var reply = await ledger.Send(request.Method, request.Path, request.Token, request.Content(), request.Configure);
                outcomes.AddOrUpdate((request.Kind, reply.Status), 1, (_, n) => n + 1);
                if (reply.Status >= 500)
                    failures.Add($"{request.Kind}: {request.Method} {Shorten(request.Path)} -> {reply}");
                if (request.Kind == "bad tokens and roles" && !reply.IsDenial)
                    failures.Add($"{request.Kind}: {request.Method} {request.Path} was not denied -> {reply}");
                if (reply.Status == 400 && reply.ContentType == "application/problem+json" && Leaks.Of(reply.Json["detail"]?.GetValue<string>()) is { } leak)
                    failures.Add($"{request.Kind}: {request.Method} {Shorten(request.Path)} -> 400 showing '{leak}': {reply}");
                if (request.Kind == "oversized" && reply.Status != 413)
                    failures.Add($"{request.Kind}: {request.Method} {request.Path} -> {reply}");
            }
            catch (InvalidOperationException e) when (e.StackTrace?.Contains("Microsoft.AspNetCore.TestHost", StringComparison.Ordinal) == true
                                                      && e.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // A NUL in the decoded path: the in-memory server refuses to build the request, as Kestrel answers 400 before any app code runs.
                outcomes.AddOrUpdate((request.Kind, 0), 1, (_, n) => n + 1);
            }
            catch (Exception e)
            {
                outcomes.AddOrUpdate((request.Kind, -1), 1, (_, n) => n + 1);
                failures.Add($"{request.Kind}: {request.Method} {Shorten(request.Path)} threw {e.GetType().Name}: {e.Message} {string.Join(" < ", (e.StackTrace ?? "").Split('\n').Take(4).Select(l => l.Trim()))}");
            }
        });
        clock.Stop();

        var after = await ledger.EventCount();
        Report(requests, outcomes, clock.Elapsed, before, after);
        failures.Take(20).ShouldBeEmpty($"{failures.Count} failures");
        after.ShouldBe(before, "a hostile request appended events");

        (await ledger.Send("GET", "/health/ready", null)).Status.ShouldBe(200);
        (await ledger.Send("GET", "/api/access-matrix?asOf=2026-06-27T12:00:00Z", ledger.Token(Roles.Regulator))).Status.ShouldBe(200);
        (await ledger.Send("POST", "/api/models", ledger.Token(Roles.Operations), Samples.Body("POST", "/api/models"))).Status.ShouldBe(201);
        (await ledger.EventCount()).ShouldBe(after + 1);
    }

    private static string Status(int status) => status switch
    {
        < 0 => "exception",
        0 => "refused before the app (NUL in path)",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Shorten(string path) => path.Length > 120 ? path[..120] + "…" : path;

    private void Report(List<Fuzz.Request> requests, ConcurrentDictionary<(string Kind, int Status), int> outcomes, TimeSpan elapsed, long before, long after)
    {
        output.WriteLine($"fuzz: {requests.Count} requests in {elapsed.TotalSeconds:F1} s ({requests.Count / elapsed.TotalSeconds:F0}/s); events before {before}, after {after}");
        foreach (var kind in requests.Select(r => r.Kind).Distinct())
        {
            var statuses = outcomes.Where(o => o.Key.Kind == kind).OrderBy(o => o.Key.Status).Select(o => $"{Status(o.Key.Status)}: {o.Value}");
            output.WriteLine($"  {kind,-24} {requests.Count(r => r.Kind == kind),6}  {string.Join(", ", statuses)}");
        }

        var totals = outcomes.GroupBy(o => o.Key.Status).OrderBy(g => g.Key).Select(g => $"{Status(g.Key)}: {g.Sum(o => o.Value)}");
        output.WriteLine($"  {"all",-24} {requests.Count,6}  {string.Join(", ", totals)}");
    }
}
