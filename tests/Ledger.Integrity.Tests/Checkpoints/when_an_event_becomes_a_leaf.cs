using System.Text;
using Ledger.Integrity.Leaves;

namespace Ledger.Integrity.Tests.Checkpoints;

public class when_an_event_becomes_a_leaf
{
    private static readonly LeafRecord Sample = new(
        Guid.Parse("b2ed3093-cc77-4f52-96db-5b899056dabe"),
        1,
        "fable-5",
        1,
        "model-registered.v1",
        "*DEFAULT*",
        new DateTimeOffset(2026, 11, 27, 7, 52, 27, 363, 107, TimeSpan.Zero),
        "926cddd8d686b9151679effc9fd2b16b",
        "reference-scenario-00",
        "anonymous",
        "null",
        """{"name": "Fable 5", "modelId": "fable-5"}""");

    [Fact]
    public void its_canonical_bytes_are_length_prefixed_fields_in_a_fixed_order()
    {
        var bytes = Sample.CanonicalBytes();
        bytes[0].ShouldBe((byte)1);
        bytes[1..5].ShouldBe(new byte[] { 0, 0, 0, (byte)LeafRecord.Format.Length });
        Encoding.UTF8.GetString(bytes, 5, LeafRecord.Format.Length).ShouldBe("directive-ledger/leaf/v1");
        Encoding.UTF8.GetString(bytes).ShouldContain("2026-11-27T07:52:27.363107Z");
        (Sample with { UserName = null }).CanonicalBytes().Length.ShouldBe(bytes.Length - 4 - "anonymous".Length);
    }

    [Fact]
    public void its_hash_is_pinned_because_it_is_a_storage_contract()
    {
        // Every leaf already sealed depends on this encoding: a change here must be a new format, never an edit.
        Convert.ToHexStringLower(Sample.LeafHash()).ShouldBe(PinnedHash);
    }

    [Fact]
    public void every_field_changes_the_leaf()
    {
        var original = Sample.LeafHash();
        LeafRecord[] variants =
        [
            Sample with { Id = Guid.NewGuid() }, Sample with { Position = 2 }, Sample with { StreamId = "fable-6" },
            Sample with { Version = 2 }, Sample with { Type = "model-registered.v2" }, Sample with { TenantId = "other" },
            Sample with { RecordedAt = Sample.RecordedAt.AddTicks(10) }, Sample with { CorrelationId = null },
            Sample with { CausationId = "x" }, Sample with { UserName = "" }, Sample with { Headers = null },
            Sample with { Data = """{"name": "Fable 6", "modelId": "fable-5"}""" }, Sample with { StreamId = null },
        ];
        foreach (var variant in variants)
            variant.LeafHash().ShouldNotBe(original, variant.ToString());
    }

    [Fact]
    public void a_field_boundary_cannot_be_moved()
    {
        var a = Sample with { CorrelationId = "ab", CausationId = "c" };
        var b = Sample with { CorrelationId = "a", CausationId = "bc" };
        a.LeafHash().ShouldNotBe(b.LeafHash());
    }

    // The leaf PostgreSQL's merkle_leaf_hash sealed for this very row (position 1 of a demo run): SQL and C# agree.
    private const string PinnedHash = "673c18da7240564413b2710046bd74f62eccfd937ed7ba4457055407ddfbdaf0";
}
