using System.Text.Json;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Admission;

/// <summary>
/// The ledger's only decision: whether a proposed fact may be recorded, given everything known now.
/// Checks run in the order of product.md 10.16 (400 shape, 404 path, 412 version, 409 duplicate, 422 rule) and the
/// first violation wins, so the same request always gets the same answer. An admitted fact comes back as it will
/// be stored (received times at their zone's offset, corrections bound to their target's stream).
/// </summary>
public static class Admission
{
    public static Decision Decide(LedgerKnowledge known, ILedgerFact proposed, DateTimeOffset now, long? expectedVersion = null)
    {
        var correction = proposed as CorrectionRecorded;
        var violation = FactShape.Of(proposed, now)
                        ?? (correction is null ? null : CorrectionShape(known, correction, now))
                        ?? FactPath.Of(known, proposed)
                        ?? Version(known, proposed, expectedVersion)
                        ?? Duplicate(known, proposed)
                        ?? (correction is null ? FactRules.Of(known, proposed) : CorrectionRules(known, correction));
        return violation is null
            ? new Decision.Admitted(Normalize(known, proposed))
            : new Decision.Refused(violation);
    }

    /// <summary>Product.md 10.16: a correction appends to its target's stream, so that is the version it names.</summary>
    public static string StreamOf(LedgerKnowledge known, ILedgerFact fact) =>
        fact is CorrectionRecorded c && known.Find(c.EventId) is { } target ? target.Recorded.Fact.StreamId : fact.StreamId;

    private static Violation? Version(LedgerKnowledge known, ILedgerFact fact, long? expected)
    {
        if (expected is not { } version)
            return null;
        var stream = StreamOf(known, fact);
        var actual = known.VersionOf(stream);
        return actual == version
            ? null
            : Violation.VersionMismatch("If-Match", $"stream {stream} is at version {actual}, not {version}");
    }

    private static Violation? Duplicate(LedgerKnowledge known, ILedgerFact fact) =>
        known.Find(fact.FactId) is { } existing
            ? Violation.Duplicate(IdField(fact), $"{fact.FactId} is already recorded (as {existing.Recorded.Type} at position {existing.Position})")
            : null;

    /// <summary>
    /// Product.md 10.12, the 400 half: the field must be one of the target's and the corrected fact must still pass
    /// its own schema. Judged only when the target exists and is correctable at all; the rest is 422.
    /// </summary>
    private static Violation? CorrectionShape(LedgerKnowledge known, CorrectionRecorded correction, DateTimeOffset now)
    {
        if (known.Find(correction.EventId) is not { Current: not CorrectionRecorded } target
            || target.Current.IdentityFields.Contains(correction.Field))
            return null;
        if (!Correction.FieldsOf(target.Current).Contains(correction.Field))
            return Violation.Malformed("unknown-field", "field",
                $"{target.Recorded.Type} has no field {correction.Field}; correctable fields: {string.Join(", ", Correction.FieldsOf(target.Current))}");
        if (Corrected(target, correction, out var corrected) is { } invalid)
            return invalid;

        // A corrected zone re-expresses the same received instant in that zone; a corrected receivedAt is judged as sent.
        var stored = correction.Field == "receivedAt" ? corrected! : StoredForm.Of(corrected!);
        return FactShape.Of(stored, now) is { } problem ? problem with { Field = $"value ({problem.Field})" } : null;
    }

    /// <summary>
    /// Product.md 10.12, the 422 half: one existing fact, never its identity, never a correction; the corrected fact
    /// must pass its rules against everything else known now (not against its own earlier version).
    /// </summary>
    private static Violation? CorrectionRules(LedgerKnowledge known, CorrectionRecorded correction)
    {
        if (known.Find(correction.EventId) is not { } target)
            return Violation.Broken("fact-not-found", "eventId", $"no fact {correction.EventId} is recorded");
        if (target.Current is CorrectionRecorded)
            return Violation.Broken("correction-of-correction", "eventId", "a correction cannot be corrected; correct the original fact again");
        if (target.Current.IdentityFields.Contains(correction.Field))
            return Violation.Broken("identity-not-correctable", "field", $"{correction.Field} identifies the fact and cannot be corrected");
        Corrected(target, correction, out var corrected);
        return FactRules.Of(known.Without(target.Id), corrected!) is { } problem ? problem with { Field = $"value ({problem.Field})" } : null;
    }

    private static Violation? Corrected(KnownFact target, CorrectionRecorded correction, out ILedgerFact? corrected)
    {
        try
        {
            corrected = Correction.Apply(target.Current, correction.Field, correction.Value);
            return null;
        }
        catch (JsonException e)
        {
            corrected = null;
            return Violation.Malformed("invalid-value", "value", $"the corrected {correction.Field} is not valid: {e.Message}");
        }
    }

    private static ILedgerFact Normalize(LedgerKnowledge known, ILedgerFact fact) =>
        fact is CorrectionRecorded c ? c with { StreamId = StreamOf(known, c) } : StoredForm.Of(fact);

    private static string IdField(ILedgerFact fact) => fact switch
    {
        ModelRegistered => "modelId",
        OrganizationRegistered => "organizationId",
        DirectiveIssued => "directiveId",
        DirectiveAmended => "amendmentId",
        EasingGranted => "easingId",
        DirectiveRescinded => "rescissionId",
        OrganizationVetted or VettingRevoked => "vettingId",
        AccessSuspended => "suspensionId",
        AccessRestored => "restorationId",
        CorrectionRecorded => "correctionId",
        _ => "id",
    };
}
