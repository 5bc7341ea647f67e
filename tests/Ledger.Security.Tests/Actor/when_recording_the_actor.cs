using Ledger.Api.Security;
using Npgsql;

namespace Ledger.Security.Tests.Actor;

/// <summary>The authenticated subject is the actor of the event (Marten's user name) and shows in histories; the client cannot set it.</summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_recording_the_actor(SecureLedger ledger)
{
    private static JsonObject Vetting(string id) => new()
    {
        ["vettingId"] = id, ["easingId"] = SecureLedger.Easing, ["outcome"] = "rejected", ["vettedBy"] = "compliance desk",
        ["criteria"] = new JsonArray(), ["effectiveAt"] = "2026-06-27T00:00:00Z",
    };

    [Fact]
    public async Task the_token_subject_is_the_actor_in_the_history_and_the_event_store()
    {
        var id = $"V-actor-{Guid.NewGuid():N}"[..24];
        var reply = await ledger.Send(HttpMethod.Post, "/api/organizations/acme-analytics/vettings", ledger.Token(Roles.Compliance, subject: "alice"),
            new StringContent(Vetting(id).ToJsonString(), Encoding.UTF8, "application/json"),
            request =>
            {
                request.Headers.Add("X-Actor", "mallory");
                request.Headers.Add("X-Forwarded-User", "mallory");
                request.Headers.Add("X-User", "mallory");
            });
        reply.Status.ShouldBe(201, reply.ToString());

        var history = await ledger.Send("GET", "/api/organizations/acme-analytics/history", ledger.Token(Roles.Auditor));
        var entry = history.Json["entries"]!.AsArray().Single(e => e!["eventId"]!.GetValue<string>() == id)!;
        entry["actor"]!.GetValue<string>().ShouldBe("alice");

        await using var connection = new NpgsqlConnection(SecureLedger.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select user_name from {ledger.Schema}.mt_events where seq_id = @position", connection);
        command.Parameters.AddWithValue("position", reply.Json["position"]!.GetValue<long>());
        (await command.ExecuteScalarAsync()).ShouldBe("alice");
    }

    [Fact]
    public async Task an_actor_in_the_body_is_refused_and_writes_nothing()
    {
        var body = Vetting($"V-actor-{Guid.NewGuid():N}"[..24]);
        body["actor"] = "mallory";
        var before = await ledger.EventCount();
        var reply = await ledger.Send("POST", "/api/organizations/acme-analytics/vettings", ledger.Token(Roles.Compliance, subject: "alice"), body);
        reply.ShouldBeProblem(400, "invalid-body");
        (await ledger.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_correction_names_its_own_author()
    {
        var model = $"m-actor-{Guid.NewGuid():N}"[..20];
        (await ledger.Send("POST", "/api/models", ledger.Token(Roles.Operations, subject: "olga"), new JsonObject { ["modelId"] = model, ["name"] = "Typo" }))
            .Status.ShouldBe(201);
        (await ledger.Send("POST", "/api/corrections", ledger.Token(Roles.Compliance, subject: "carl"), new JsonObject
        {
            ["correctionId"] = $"C-{model}", ["eventId"] = model, ["field"] = "name", ["value"] = "Fixed", ["reason"] = "typo",
        })).Status.ShouldBe(201);

        var entry = (await ledger.Send("GET", $"/api/models/{model}/history", ledger.Token(Roles.Regulator))).Json["entries"]![0]!;
        entry["actor"]!.GetValue<string>().ShouldBe("olga");
        entry["corrections"]![0]!["actor"]!.GetValue<string>().ShouldBe("carl");
    }
}
