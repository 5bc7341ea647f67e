using System.Text.Json.Nodes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Api.Feed.Reading;

/// <summary>
/// A stored envelope as a subscriber may read it now. Subscribers are never cleared, and confidentiality is judged on
/// what the ledger knows now (product.md 11): a fact whose directive was classified after the fact was announced is
/// served withheld from then on. An envelope already delivered cannot be recalled; one read again can be withheld.
/// "Now" is the latest knowledge this process has published. Only the ledger event (index 0) carries text; its
/// stored bytes are served unchanged unless the withholding differs.
/// </summary>
internal static class WithheldNow
{
    /// <summary>What subscribers, who are never cleared, may see as the ledger knows it now; made once per read.</summary>
    public static Withholding Subscribers(LedgerKnowledge now) => Withholding.For(now, Clearance.None);

    public static string Envelope(string envelope, int index, string id, LedgerKnowledge now, Withholding reader)
    {
        if (index != 0 || now.Find(id) is not { } known)
            return envelope;
        if (!reader.Withholds(known.Recorded.Fact))
            return envelope;
        var json = JsonNode.Parse(envelope)!.AsObject();
        var data = reader.Json(known.Recorded.Fact);
        if (JsonNode.DeepEquals(json["data"], data))
            return envelope;
        json["data"] = data;
        return json.ToJsonString();
    }
}
