namespace Ledger.Api.Tests.Reads;

/// <summary>
/// Issue 15: a read at a past position is answered from the knowledge the service keeps every few dozen facts,
/// evolved by the few facts since, never by folding the log's prefix. Whatever position a read names, it is told
/// exactly what a read at the head was told when that position was the head: the check, a history and the register,
/// across more facts than one interval, with corrections recorded in between.
/// </summary>
public class when_the_past_is_read_from_kept_knowledge(AppFixture app) : IntegrationContext(app)
{
    protected override Task Given() => Host.RecordedReferenceScenario();

    [Fact]
    public async Task every_position_answers_as_the_head_did_when_it_was_there()
    {
        var told = new List<(long Position, string Answers)>();
        string? lastSuspension = null;
        for (var i = 0; i < 90; i++)
        {
            var effective = Instants.Rfc3339(DateTimeOffset.Parse(EasingEffective).AddMinutes(10 * i));
            if (i % 9 == 8 && lastSuspension is not null)
                await Host.Recorded(Paths.Corrections, Requests.Correction($"C-kept-{i}", lastSuspension, "effectiveAt", JsonValue.Create(effective)));
            else if (i % 2 == 0)
                lastSuspension = (await Host.Recorded(Paths.Suspensions, Requests.Suspension($"S-kept-{i}", Mythos, WaterCoop, [ForeignPerson], effective))).Id;
            else
                await Host.Recorded(Paths.Restorations, Requests.Restoration($"P-kept-{i}", Mythos, WaterCoop, [ForeignPerson], effective));
            told.Add(await Answers(""));
        }

        foreach (var (position, answers) in told)
            (await Answers($"position={position}")).Answers.ShouldBe(answers, $"at position {position}");
    }

    /// <summary>The check, the organisation's history and the register, without the instant each read was made at.</summary>
    private async Task<(long Position, string Answers)> Answers(string at)
    {
        var check = await Host.Post($"/api/access/check?{at}", Requests.Check(Mythos, WaterCoop, ForeignPerson, DuringTheEasing));
        var history = await Host.Get($"/api/organizations/{WaterCoop}/history?{at}");
        var register = await Host.Get($"/api/directives?asOf={DuringTheEasing}&{at}");
        var replies = new[] { check, history, register };
        foreach (var reply in replies)
            reply.Status.ShouldBe(200, reply.ToString());
        var position = (long)JsonNode.Parse(check.Text)!["position"]!;
        return (position, string.Join("\n", replies.Select(reply => Timeless(reply.Text))));
    }

    private static string Timeless(string json)
    {
        var node = JsonNode.Parse(json)!;
        (node as JsonObject)?.Remove("knownAt");
        return node.ToJsonString();
    }
}
