using Ledger.Api.Security;

namespace Ledger.Security.Tests.Idempotency;

/// <summary>
/// An idempotency key belongs to its sender (issue 14, item 7): the same key from another subject is another key, so it
/// neither replays the first sender's receipt nor tells the second sender where the first one wrote.
/// </summary>
[Collection(SecureLedgerCollection.Name)]
public sealed class when_two_subjects_send_the_same_key(SecureLedger ledger)
{
    private Task<Reply> Register(string subject, string modelId, string key) =>
        ledger.Send(HttpMethod.Post, "/api/models", ledger.Token(Roles.Operations, subject: subject),
            new StringContent(new JsonObject { ["modelId"] = modelId, ["name"] = "Keyed" }.ToJsonString(), Encoding.UTF8, "application/json"),
            r => r.Headers.TryAddWithoutValidation("Idempotency-Key", key));

    [Fact]
    public async Task another_subject_gets_neither_the_receipt_nor_the_path()
    {
        var key = $"shared-{Guid.NewGuid():N}";
        var first = await Register("alice", $"m-alice-{key}", key);
        first.Status.ShouldBe(201, first.ToString());
        (await Register("alice", $"m-alice-{key}", key)).Text.ShouldBe(first.Text, "the sender's own retry gets its first answer");

        var other = await Register("mallory", $"m-mallory-{key}", key);
        other.Status.ShouldBe(201, $"mallory's key is mallory's own: {other}");
        other.Text.ShouldNotContain($"m-alice-{key}");

        var replayed = await Register("eve", $"m-alice-{key}", key);
        replayed.ShouldBeProblem(409, "duplicate-id");
        replayed.Text.ShouldNotBe(first.Text);
        replayed.Json["detail"]!.GetValue<string>().ShouldNotContain("/api/models");
    }
}
