using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Domain.Readers;
using Ledger.Integrity.Leaves;
using Ledger.Integrity.Tests.Support;
using Npgsql;

namespace Ledger.Integrity.Tests.Leaves;

/// <summary>
/// The commitments of <c>leaf/v2</c>: pinned, because every leaf sealed depends on them, and computed alike by
/// PostgreSQL (which seals) and by C# (which checks a revealed text and reads a withheld one).
/// </summary>
[Collection(HostCollection.Name)]
public class when_confidential_text_is_committed
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, TextCommitments.SaltSize).Select(i => (byte)i)];

    /// <summary>The test vector of the Integrity README: the salt 00 01 .. 1f and the reference of section 9's letter.</summary>
    private static readonly LeafRecord Sample = new(
        Guid.Parse("5d1c7c8e-2f0a-4c3b-9e61-0f8a7b6c5d4e"),
        8,
        "D-2026-06-12-01",
        1,
        "directive-issued.v2",
        "*DEFAULT*",
        new DateTimeOffset(2026, 6, 12, 21, 21, 0, TimeSpan.Zero),
        null,
        null,
        "compliance",
        null,
        """{"reference": "9cdd113b77d1b1d5c74bc171c091e1056b40a0c75abb3e45cdc02c475a6b22f3", "directiveId": "D-2026-06-12-01"}""")
    {
        LeafVersion = 2, Commitments = """{"reference": "text"}""",
    };

    [Fact]
    public void a_text_and_a_v2_leaf_hash_are_pinned_because_they_are_a_storage_contract()
    {
        using var reference = JsonDocument.Parse("\"BIS is-informed letter of 2026-06-12\"");
        TextCommitments.Commit(TextCommitments.Text, reference.RootElement, Salt)!.GetValue<string>().ShouldBe(PinnedCommitment);
        Convert.ToHexStringLower(Sample.LeafHash()).ShouldBe(PinnedLeaf);
        (Sample with { LeafVersion = 1 }).LeafHash().ShouldNotBe(Sample.LeafHash(), "the format is the first field");
        (Sample with { Commitments = null }).LeafHash().ShouldNotBe(Sample.LeafHash(), "the commitments are a field of their own");
    }

    [Fact]
    public void a_withheld_text_reads_as_the_ledgers_own_marker() => TextCommitments.Marker.ShouldBe(Withholding.Marker);

    [Theory]
    [InlineData("\"BIS ✓ \\\"quoted\\\" \\\\ back\\nline\\u0001\"", TextCommitments.Text)]
    [InlineData("[\"first\", \"sécond\\t\", \"\"]", TextCommitments.Texts)]
    [InlineData("[]", TextCommitments.Texts)]
    [InlineData("\"not an array\"", TextCommitments.Texts)]
    [InlineData("123.50", TextCommitments.Text)]
    [InlineData("""[{"sha256": "ab", "title": "T ✓", "uri": null}, {"uri": "https://x.example/a?b=c", "title": "U", "sha256": "cd", "extra": [1, {"z": 2, "a": "\n"}]}, "loose", {"title": "no hash"}]""", TextCommitments.Documents)]
    public async Task postgresql_and_csharp_commit_alike(string value, string form)
    {
        await IntegrityDatabase.EnsureCreated();
        await using var connection = new NpgsqlConnection(IntegrityDatabase.Owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select $1::jsonb::text, ledger.merkle_commitment($1::jsonb, $2, $3)::text", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = form });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Salt });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var (printed, committed) = (reader.GetString(0), reader.GetString(1));

        using var clear = JsonDocument.Parse(printed);
        JsonbText.Of(clear.RootElement).ShouldBe(printed, "a revealed text is printed as PostgreSQL prints it");
        var expected = TextCommitments.Commit(form, clear.RootElement, Salt);
        JsonNode.DeepEquals(expected, JsonNode.Parse(committed)).ShouldBeTrue($"C#: {expected?.ToJsonString()}\nSQL: {committed}");
    }

    private const string PinnedCommitment = "9cdd113b77d1b1d5c74bc171c091e1056b40a0c75abb3e45cdc02c475a6b22f3";
    private const string PinnedLeaf = "d0c4fcdeb9f00310f1a925eae4b4298b6cc10334db788ad3683ba66df50c89fd";
}
