using Alba;
using Ledger.Api.Ledger;
using Ledger.Api.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Security.Tests.Writes;

/// <summary>
/// A failure inside a group commit (a recording step throws while building one write's envelope) fails that write
/// alone (issue 14, item 8): it is refused with a problem that names nothing internal, and the other writes that shared
/// its transaction are recorded. A host of its own carries a recording step that throws for a marked fact.
/// </summary>
public sealed class when_one_write_of_a_group_fails : IAsyncLifetime
{
    private const string Marker = "explodes-";
    private readonly string schema = $"sec_{Guid.NewGuid():N}"[..16];
    private readonly string keyFile = Path.Combine(Directory.CreateTempSubdirectory("ledger-sec-").FullName, "key.pem");
    private readonly Exploding step = new();
    private IAlbaHost host = null!;

    /// <summary>Throws for any group holding a marked fact, as an envelope that cannot be built would; remembers whether it shared that group.</summary>
    private sealed class Exploding : IRecordingStep
    {
        public volatile bool SharedAGroup;

        public Task OnRecorded(RecordedGroup group, CancellationToken ct)
        {
            if (group.Rehearsal || !group.Facts.Any(f => f.Fact.Fact.FactId.StartsWith(Marker, StringComparison.Ordinal)))
                return Task.CompletedTask;
            SharedAGroup |= group.Facts.Count > 1;
            throw new InvalidOperationException("System.Text.Json could not build the envelope of Ledger.Api.Feed.Envelopes.FeedEnvelope");
        }
    }

    public async Task InitializeAsync() =>
        host = await SecureLedger.Boot(schema, keyFile, new Dictionary<string, string?> { ["Ledger:RateLimit:Enabled"] = "false" },
            services => services.AddSingleton<IRecordingStep>(step));

    [Fact]
    public async Task the_failing_write_is_refused_and_the_rest_of_its_group_is_recorded()
    {
        var token = LocalTokens.Mint(LocalTokens.LoadOrCreate(keyFile), "directive-ledger-local", "directive-ledger", "grouper",
            [Roles.Operations], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        var client = host.Server.CreateClient();
        var before = await SecureLedger.EventCount(schema);
        var ids = Enumerable.Range(0, 40).Select(i => (i == 20 ? Marker : "grouped-") + $"{i}-{Guid.NewGuid():N}"[..12]).ToList();
        var replies = await Task.WhenAll(ids.Select(async id =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/models")
            {
                Content = new StringContent(new JsonObject { ["modelId"] = id, ["name"] = "Grouped" }.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            using var response = await client.SendAsync(request);
            return (Id: id, Status: (int)response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Text: await response.Content.ReadAsStringAsync());
        }));

        var failed = replies.Single(r => r.Id.StartsWith(Marker, StringComparison.Ordinal));
        failed.Status.ShouldBe(500, failed.Text);
        failed.Type.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(failed.Text)!;
        problem["type"]!.GetValue<string>().ShouldBe("https://directive-ledger.dev/problems/write-failed");
        Leaks.Of(problem["detail"]!.GetValue<string>()).ShouldBeNull(failed.Text);
        replies.Where(r => r != failed).ShouldAllBe(r => r.Status == 201);
        (await SecureLedger.EventCount(schema)).ShouldBe(before + ids.Count - 1);
        step.SharedAGroup.ShouldBeTrue("the marked write never shared a group, so group commit was not exercised");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await SecureLedger.Drop(schema);
        Directory.Delete(Path.GetDirectoryName(keyFile)!, recursive: true);
    }
}
