using System.Text.Json;
using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>
/// A correction replaces one top-level field of one recorded fact, never its identity, never a correction; the
/// corrected fact must still pass its own kind's shape (400) and rules against everything else known now (422),
/// product.md 10.12. It belongs to whatever its target belongs to, so it is as confidential as its target.
/// </summary>
public sealed class CorrectionRecordedKind : FactKind<CorrectionRecorded>
{
    public static readonly CorrectionRecordedKind Instance = new();

    public override string StoredName => "correction-recorded.v1";
    public override string IdField => "correctionId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "correctionId", "eventId", "streamId" };

    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } =
        [ConfidentialText.Text("reason"), ConfidentialText.CorrectedValue("value")];

    protected override Violation? Shape(CorrectionRecorded fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("correctionId", fact.CorrectionId)
        ?? (fact.EventId.EndsWith(":revocation", StringComparison.Ordinal)
            ? Fields.Id("eventId", fact.EventId[..^":revocation".Length])
            : Fields.Id("eventId", fact.EventId))
        ?? Fields.Text("field", fact.Field, 128)
        ?? Fields.Text("reason", fact.Reason, Fields.MaxText)
        ?? CorrectedShape(fact, known, now);

    /// <summary>
    /// The 400 half of product.md 10.12: the field must be one of the target's and the corrected fact must still pass
    /// its own schema. Judged only when the target exists and is correctable at all; the rest is 422.
    /// </summary>
    private static Violation? CorrectedShape(CorrectionRecorded correction, LedgerKnowledge known, DateTimeOffset now)
    {
        if (known.Find(correction.EventId) is not { Current: not CorrectionRecorded } target
            || target.Current.Kind.IdentityFields.Contains(correction.Field))
            return null;
        if (!Correction.FieldsOf(target.Current).Contains(correction.Field))
            return Violation.Malformed("unknown-field", "field",
                $"{target.Recorded.Type} has no field {correction.Field}; correctable fields: {string.Join(", ", Correction.FieldsOf(target.Current))}");
        if (Corrected(target, correction, out var corrected) is { } invalid)
            return invalid;

        // A corrected zone re-expresses the same received instant in that zone; a corrected receivedAt is judged as sent.
        var stored = correction.Field == "receivedAt" ? corrected! : corrected!.Kind.Stored(corrected, known);
        return stored.Kind.Shape(stored, known, now) is { } problem ? problem with { Field = $"value ({problem.Field})" } : null;
    }

    /// <summary>A missing target is a rule (422), not a path (404): the correction's own path names no record.</summary>
    protected override Violation? Path(CorrectionRecorded fact, LedgerKnowledge known) => null;

    protected override Violation? Rules(CorrectionRecorded fact, LedgerKnowledge known)
    {
        if (known.Find(fact.EventId) is not { } target)
            return Violation.Broken("fact-not-found", "eventId", $"no fact {fact.EventId} is recorded");
        if (target.Current is CorrectionRecorded)
            return Violation.Broken("correction-of-correction", "eventId", "a correction cannot be corrected; correct the original fact again");
        if (target.Current.Kind.IdentityFields.Contains(fact.Field))
            return Violation.Broken("identity-not-correctable", "field", $"{fact.Field} identifies the fact and cannot be corrected");
        Corrected(target, fact, out var corrected);
        return corrected!.Kind.Rules(corrected, known.Without(target.Id)) is { } problem ? problem with { Field = $"value ({problem.Field})" } : null;
    }

    private static Violation? Corrected(KnownFact target, CorrectionRecorded correction, out ILedgerFact? corrected)
    {
        try
        {
            corrected = Correction.Apply(target.Current, correction.Field, correction.Value);
            return null;
        }
        catch (JsonException)
        {
            // The serializer's message names the fact's .NET type and members: nothing a client can act on, and a map of the service.
            corrected = null;
            return Violation.Malformed("invalid-value", "value", $"the corrected {correction.Field} does not have the type or form that field takes");
        }
    }

    /// <summary>A correction appends to its target's stream (product.md 10.16), fixed when it is recorded.</summary>
    protected override CorrectionRecorded Stored(CorrectionRecorded fact, LedgerKnowledge known) =>
        known.Find(fact.EventId) is { } target ? fact with { StreamId = target.Recorded.Fact.StreamId } : fact;
    /// <summary>
    /// Both versions of the corrected fact count, each judged by the knowledge that held it. A registration counts for
    /// access by existing and, for an organisation, by being the addressee (product.md 10.6): a corrected name or
    /// sector changes no answer, and redrawing its whole row or column from the beginning of time would cost a
    /// rebuild more than all the other facts together.
    /// </summary>
    protected override Reach Touches(CorrectionRecorded fact, LedgerKnowledge before, LedgerKnowledge after)
    {
        var (old, corrected) = (before.Facts[fact.EventId].Current, after.Facts[fact.EventId].Current);
        if (old is ModelRegistered && corrected is ModelRegistered
            || old is OrganizationRegistered o && corrected is OrganizationRegistered c && o.IsAddressee == c.IsAddressee)
            return Reach.Nothing;
        return old.Kind.Touches(old, before, before).And(corrected.Kind.Touches(corrected, after, after));
    }

    protected override ILedgerFact AsKnown(CorrectionRecorded fact, LedgerKnowledge known) => fact;


    protected override string? DirectiveOf(CorrectionRecorded fact, LedgerKnowledge known) =>
        known.Find(fact.EventId) is { Current: not CorrectionRecorded } target ? target.Current.Kind.DirectiveOf(target.Current, known) : null;

    /// <summary>Corrections appear in the timeline inside the entry of the fact they correct, not as entries of their own.</summary>
    protected override bool ConcernsOrganization(CorrectionRecorded fact, string organizationId) => false;

    protected override bool ConcernsModel(CorrectionRecorded fact, string modelId, LedgerKnowledge known) => false;

    protected override IEnumerable<string> References(CorrectionRecorded fact) => [fact.EventId];
}
