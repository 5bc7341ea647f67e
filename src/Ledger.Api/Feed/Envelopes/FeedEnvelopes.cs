using System.Globalization;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Extensions;
using CloudNative.CloudEvents.SystemTextJson;
using Ledger.Domain.Access;
using Ledger.Domain.Changes;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Api.Feed.Envelopes;

/// <summary>
/// Turns one recorded fact into the CloudEvents 1.0 the feed offers for it, with the CNCF SDK: the ledger event
/// itself (confidential text withheld from every subscriber, see <see cref="Withholding"/>), then one <c>ledger.access.changed.v1</c> per
/// cell it changed (see <see cref="AccessChanges"/>). Pure: the same fact and knowledge give the same bytes.
/// </summary>
internal static class FeedEnvelopes
{
    public const string AccessChangedType = "ledger.access.changed.v1";
    public const string TypePrefix = "ledger.";
    public const string JsonContentType = "application/json";

    /// <summary>The CloudEvents <c>recordedtime</c> extension: when the ledger appended the fact.</summary>
    public static readonly CloudEventAttribute RecordedTime = CloudEventAttribute.CreateExtension("recordedtime", CloudEventAttributeType.Timestamp);

    /// <summary>Which event of its position this is: 0 the ledger event, 1..n its access changes in order.</summary>
    public static readonly CloudEventAttribute SequenceIndex = CloudEventAttribute.CreateExtension("sequenceindex", CloudEventAttributeType.Integer);

    /// <summary>Every extension attribute the feed uses; a consumer passes these to the SDK's formatter.</summary>
    public static readonly IReadOnlyList<CloudEventAttribute> Extensions = [RecordedTime, Sequence.SequenceAttribute, SequenceIndex];

    public static readonly JsonEventFormatter Formatter = new();

    /// <summary>
    /// The CloudEvents <c>sequence</c> extension requires a lexicographically orderable string, so the position is
    /// written as a 19-digit zero-padded decimal: string order is position order, and it still parses as a number.
    /// </summary>
    public static string SequenceOf(long position) => position.ToString("D19", CultureInfo.InvariantCulture);

    public static IReadOnlyList<FeedEnvelope> Build(RecordedFact recorded, LedgerKnowledge before, LedgerKnowledge after, Uri source)
    {
        var fact = recorded.Fact;
        var time = fact.EffectiveAt ?? recorded.RecordedAt;
        var envelopes = new List<FeedEnvelope>
        {
            Envelope(source, recorded, 0, fact.FactId, TypePrefix + recorded.Type, fact.StreamId, time,
                JsonSerializer.SerializeToElement(Withholding.For(after, Clearance.None).Json(fact))),
        };

        var cause = new BasisEvent(fact.FactId, recorded.Position, recorded.Type);
        foreach (var change in AccessChanges.Of(before, after, FactChange.Of(before, after, fact)))
        {
            var cell = $"{change.ModelId}/{change.OrganizationId}/{Wire.Name(change.PersonClass)}";
            envelopes.Add(Envelope(source, recorded, envelopes.Count, $"{fact.FactId}/access/{cell}", AccessChangedType, $"access/{cell}",
                change.ChangedFrom, JsonSerializer.SerializeToElement(AccessChangedData.Of(change, cause), LedgerJson.Options)));
        }

        return envelopes;
    }

    private static FeedEnvelope Envelope(
        Uri source, RecordedFact recorded, int index, string id, string type, string subject, DateTimeOffset time, JsonElement data)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, Extensions)
        {
            Id = id,
            Source = source,
            Type = type,
            Subject = subject,
            Time = time.ToUniversalTime(),
            DataContentType = JsonContentType,
            Data = data,
            [RecordedTime] = recorded.RecordedAt.ToUniversalTime(),
            [Sequence.SequenceAttribute] = SequenceOf(recorded.Position),
            [SequenceIndex] = index,
        };
        var bytes = Formatter.EncodeStructuredModeMessage(cloudEvent, out ContentType _);
        return new FeedEnvelope(recorded.Position, index, id, type, subject, time, Encoding.UTF8.GetString(bytes.Span));
    }
}
