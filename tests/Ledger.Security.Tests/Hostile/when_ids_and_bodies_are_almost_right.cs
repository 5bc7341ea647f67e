using Ledger.Api.Security;

namespace Ledger.Security.Tests.Hostile;

/// <summary>
/// Issue 14, item 8: an id is checked to its true end (<c>$</c> would let a final newline through), before anything
/// is stored, in bodies and route values alike; and a body that names a member twice is refused, since two readers
/// of it could see two different requests.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_ids_and_bodies_are_almost_right(SecureLedger ledger)
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task an_id_ending_in_a_newline_is_a_400_naming_its_field()
    {
        var before = await ledger.EventCount();
        var reply = await ledger.Send("POST", "/api/models", ledger.Token(Roles.Operations),
            new JsonObject { ["modelId"] = $"m-{Guid.NewGuid():N}\n", ["name"] = "Trailing newline" });
        reply.ShouldBeProblem(400, "invalid-id");
        reply.Json["field"]!.GetValue<string>().ShouldBe("modelId");
        (await ledger.EventCount()).ShouldBe(before);

        var route = await ledger.Send("GET", $"/api/directives/{SecureLedger.Directive}%0A", ledger.Token(Roles.Compliance));
        route.ShouldBeProblem(400, "invalid-id");
        route.Json["field"]!.GetValue<string>().ShouldBe("directiveId");
    }

    [Fact]
    public async Task a_subscription_with_a_bad_id_is_refused_and_not_stored()
    {
        var token = ledger.Token(Roles.Subscriber, subject: "newline-subscriber");
        var reply = await ledger.Send("POST", "/api/subscriptions", token, new JsonObject
        {
            ["url"] = "http://127.0.0.1:9/ledger", ["eventTypes"] = new JsonArray("*"),
            ["secret"] = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["subscriptionId"] = "hook-with-newline\n",
        });
        reply.ShouldBeProblem(400, "invalid-id");
        reply.Json["field"]!.GetValue<string>().ShouldBe("subscriptionId");
        (await ledger.Send("GET", "/api/subscriptions", token)).Text.ShouldNotContain("hook-with-newline");
    }

    /// <summary>
    /// Subscription ids are one namespace, so a taken id is a 409 whoever holds it; the 409 says no more about another
    /// subscriber's subscription than about one's own: not whose it is, not where it delivers.
    /// </summary>
    [Fact]
    public async Task another_subscribers_id_is_not_confirmed_it_is_free_for_the_asking()
    {
        var id = $"hook-{Guid.NewGuid():N}"[..20];
        JsonObject Body(string path) => new()
        {
            ["url"] = $"http://127.0.0.1:9/{path}", ["eventTypes"] = new JsonArray("*"),
            ["secret"] = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), ["subscriptionId"] = id,
        };
        var owner = ledger.Token(Roles.Subscriber, subject: $"hook-owner-{id}");
        var prober = ledger.Token(Roles.Subscriber, subject: $"hook-prober-{id}");
        (await ledger.Send("POST", "/api/subscriptions", owner, Body("owner-secret-path"))).Status.ShouldBe(201);
        (await ledger.Send("POST", "/api/subscriptions", owner, Body("owner-secret-path"))).ShouldBeProblem(409, "duplicate-id");

        var probe = await ledger.Send("POST", "/api/subscriptions", prober, Body("prober-path"));
        probe.Status.ShouldBe(201, "ids are each subscriber's own: the owner's id is neither refused nor confirmed");
        probe.Text.ShouldNotContain("hook-owner");
        probe.Text.ShouldNotContain("owner-secret-path");

        var theirs = await ledger.Send("GET", $"/api/subscriptions/{id}", prober);
        theirs.Json["url"]!.GetValue<string>().ShouldEndWith("/prober-path");
        (await ledger.Send("GET", $"/api/subscriptions/{id}", owner)).Json["url"]!.GetValue<string>().ShouldEndWith("/owner-secret-path");
        (await ledger.Send("DELETE", $"/api/subscriptions/{id}", prober)).Status.ShouldBe(204);
        (await ledger.Send("GET", $"/api/subscriptions/{id}", owner)).Status.ShouldBe(200, "removing one's own leaves the other subscriber's");
        (await ledger.Send("DELETE", $"/api/subscriptions/{id}", owner)).Status.ShouldBe(204);
    }

    [Fact]
    public async Task an_auditor_reading_an_id_two_subscribers_use_names_the_subscriber()
    {
        var id = $"hook-{Guid.NewGuid():N}"[..20];
        JsonObject Body() => new()
        {
            ["url"] = "http://127.0.0.1:9/hook", ["eventTypes"] = new JsonArray("*"),
            ["secret"] = "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), ["subscriptionId"] = id,
        };
        var (first, second) = ($"first-{id}", $"second-{id}");
        (await ledger.Send("POST", "/api/subscriptions", ledger.Token(Roles.Subscriber, subject: first), Body())).Status.ShouldBe(201);
        (await ledger.Send("POST", "/api/subscriptions", ledger.Token(Roles.Subscriber, subject: second), Body())).Status.ShouldBe(201);
        var auditor = ledger.Token(Roles.Auditor);

        (await ledger.Send("GET", $"/api/subscriptions/{id}", auditor)).ShouldBeProblem(400, "ambiguous-subscription").Json["field"]!
            .GetValue<string>().ShouldBe("owner");
        (await ledger.Send("GET", $"/api/subscriptions/{id}?owner={second}", auditor)).Json["owner"]!.GetValue<string>().ShouldBe(second);
        (await ledger.Send("GET", $"/api/subscriptions/{id}/deliveries?owner={first}", auditor)).Status.ShouldBe(200);
        (await ledger.Send("GET", $"/api/subscriptions/{id}?owner=nobody", auditor)).ShouldBeProblem(404, "unknown-subscription");
        foreach (var subject in new[] { first, second })
            (await ledger.Send("DELETE", $"/api/subscriptions/{id}", ledger.Token(Roles.Subscriber, subject: subject))).Status.ShouldBe(204);
    }

    [Fact]
    public async Task a_member_named_twice_is_a_400_and_records_nothing()
    {
        var before = await ledger.EventCount();
        var id = $"m-{Guid.NewGuid():N}"[..20];
        var reply = await ledger.Send(HttpMethod.Post, "/api/models", ledger.Token(Roles.Operations),
            Json($$"""{"modelId":"{{id}}","name":"First","name":"Second"}"""));
        reply.ShouldBeProblem(400, "invalid-body");
        reply.Json["field"]!.GetValue<string>().ShouldBe("name");
        (await ledger.EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("""{"modelId":42,"name":"x"}""")]
    [InlineData("""{"modelId":"m-x","name":"x","admin":true}""")]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""{"modelId":null,"name":"x"}""")]
    [InlineData("""{"modelId":["m"],"name":"x"}""")]
    public async Task a_refusal_names_no_dotnet_type_or_member(string body)
    {
        var reply = await ledger.Send(HttpMethod.Post, "/api/models", ledger.Token(Roles.Operations), Json(body));
        reply.ShouldBeProblem(400, "invalid-body");
        Leaks.Of(reply.Json["detail"]!.GetValue<string>()).ShouldBeNull(reply.ToString());
    }
}
