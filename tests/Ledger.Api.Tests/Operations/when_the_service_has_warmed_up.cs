namespace Ledger.Api.Tests.Operations;

/// <summary>
/// The warm-up at start runs the recording steps on a fact that is never appended, in a transaction it rolls back:
/// it must leave no row anywhere and burn no position, or an auditor would find a gap or a phantom at every start.
/// </summary>
public class when_the_service_has_warmed_up(AppFixture app) : IntegrationContext(app)
{
    [Fact]
    public async Task it_left_nothing_behind_and_the_first_fact_is_position_1()
    {
        foreach (var table in new[] { "mt_events", "access_intervals", "feed_events", "merkle_leaves" })
            (await App.Database.RowCount(table)).ShouldBe(0, table);

        var reply = await Host.Post("/api/models", JsonNode.Parse("""{ "modelId": "m-first", "name": "First" }""")!);

        reply.Status.ShouldBe(201);
        reply.As<Receipt>().Position.ShouldBe(1);
        (await App.Database.RowCount("access_intervals")).ShouldBe(2, "the * row of the one model: one cell per person class");
    }
}
