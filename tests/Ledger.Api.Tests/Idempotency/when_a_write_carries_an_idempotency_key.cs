namespace Ledger.Api.Tests.Idempotency;

/// <summary>
/// Product.md rule 7 and 10.15: the same key with the same body (same path, equal JSON) answers the first receipt
/// and appends nothing; a different body is 422; only successful answers are kept, so a refusal can be retried.
/// </summary>
public class when_a_write_carries_an_idempotency_key(AppFixture app) : IntegrationContext(app)
{
    private const string Customer = "idem-customer";
    private const string OtherCustomer = "idem-other-customer";

    protected override async Task Given()
    {
        await Host.RecordedReferenceScenario();
        await Host.Recorded(Paths.Organizations, Requests.Organization(Customer));
        await Host.Recorded(Paths.Organizations, Requests.Organization(OtherCustomer));
    }

    [Fact]
    public async Task the_same_body_again_answers_the_first_receipt_and_appends_nothing()
    {
        var body = Requests.Vetting("V-idem-1", Easing, DuringTheEasing, outcome: "rejected");
        var first = await Host.Post(Paths.Vettings(Customer), body, idempotencyKey: "idem-1");
        first.Status.ShouldBe(201, first.ToString());

        var again = await Refused(() => Host.Post(Paths.Vettings(Customer), body, idempotencyKey: "idem-1"));

        again.Status.ShouldBe(201, again.ToString());
        again.Text.ShouldBe(first.Text);
        again.Headers.ETag.ToString().ShouldBe(first.Headers.ETag.ToString());
    }

    [Fact]
    public async Task the_same_json_with_other_spacing_and_member_order_is_the_same_body()
    {
        var first = await Host.Post(Paths.Models, Requests.Model("m-idem-2", "Model two"), idempotencyKey: "idem-2");
        first.Status.ShouldBe(201, first.ToString());
        var reordered = "{\n  \"name\" : \"Model two\",\r\n\t\"modelId\":\"m-idem-2\"   }";

        var again = await Refused(() => Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(reordered), idempotencyKey: "idem-2"));

        again.Status.ShouldBe(201, again.ToString());
        again.As<Receipt>().ShouldBe(first.As<Receipt>());
    }

    [Fact]
    public async Task the_same_key_with_a_different_body_is_422()
    {
        await Host.Recorded(Paths.Models, Requests.Model("m-idem-3", "Model three"), idempotencyKey: "idem-3");

        var reply = await Refused(() => Host.Post(Paths.Models, Requests.Model("m-idem-3b", "Model three"), idempotencyKey: "idem-3"));

        reply.ShouldBeProblem(422, "idempotency-key-reused", "Idempotency-Key");
    }

    [Fact]
    public async Task the_same_key_and_body_on_another_path_is_422()
    {
        var body = Requests.Vetting("V-idem-4", Easing, DuringTheEasing, outcome: "rejected");
        await Host.Recorded(Paths.Vettings(Customer), body, idempotencyKey: "idem-4");

        var reply = await Refused(() => Host.Post(Paths.Vettings(OtherCustomer), body, idempotencyKey: "idem-4"));

        reply.ShouldBeProblem(422, "idempotency-key-reused", "Idempotency-Key");
    }

    [Fact]
    public async Task a_refused_write_is_judged_again_when_retried_with_its_key()
    {
        var restoration = Requests.Restoration("R-idem-5", Mythos, Acme, [ForeignPerson], DuringTheEasing, easingId: Easing);
        var refused = await Refused(() => Host.Post(Paths.Restorations, restoration, idempotencyKey: "idem-5"));
        refused.ShouldBeProblem(422, "restoration-not-lawful");

        await Host.Recorded(Paths.Vettings(Acme), Requests.Vetting("V-idem-5", Easing, "2026-06-27T00:00:00Z"));
        var retried = await Host.Post(Paths.Restorations, restoration, idempotencyKey: "idem-5");

        retried.Status.ShouldBe(201, retried.ToString());
        retried.As<Receipt>().Id.ShouldBe("R-idem-5");
        var replayed = await Refused(() => Host.Post(Paths.Restorations, restoration, idempotencyKey: "idem-5"));
        replayed.Text.ShouldBe(retried.Text);
        (await Host.Post(Paths.Check, Requests.Check(Mythos, Acme, ForeignPerson, DuringTheEasing))).Str("access").ShouldBe("allowed");
    }

    [Fact]
    public async Task a_malformed_write_can_be_retried_with_its_key_after_fixing_it()
    {
        var refused = await Refused(() => Host.Post(Paths.Models, Requests.Model("m-idem-6").With("colour", "red"), idempotencyKey: "idem-6"));
        refused.ShouldBeProblem(400, "invalid-body", "colour");

        var fixedReply = await Host.Post(Paths.Models, Requests.Model("m-idem-6"), idempotencyKey: "idem-6");

        fixedReply.Status.ShouldBe(201, fixedReply.ToString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("non-ascii-é")]
    public async Task a_key_that_is_not_visible_ascii_is_400(string key)
    {
        var reply = await Refused(() => Host.PostBytes(Paths.Models, Encoding.UTF8.GetBytes(Requests.Model("m-idem-7").ToJsonString()), idempotencyKey: key));

        reply.ShouldBeProblem(400, "invalid-idempotency-key", "Idempotency-Key");
    }

    [Fact]
    public async Task a_key_longer_than_255_characters_is_400()
    {
        var reply = await Refused(() => Host.Post(Paths.Models, Requests.Model("m-idem-8"), idempotencyKey: new string('k', 256)));

        reply.ShouldBeProblem(400, "invalid-idempotency-key", "Idempotency-Key");
    }
}
