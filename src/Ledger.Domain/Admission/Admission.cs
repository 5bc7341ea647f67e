using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Admission;

/// <summary>
/// The ledger's only decision: whether a proposed fact may be recorded, given everything known now.
/// Checks run in the order of product.md 10.16 (400 shape, 404 path, 412 version, 409 duplicate, 422 rule) and the
/// first violation wins, so the same request always gets the same answer. What each check means for a kind of fact
/// stands in its <see cref="IFactKind"/>. An admitted fact comes back as it will be stored.
/// </summary>
public static class Admission
{
    public static Decision Decide(LedgerKnowledge known, ILedgerFact proposed, DateTimeOffset now, long? expectedVersion = null)
    {
        var kind = proposed.Kind;
        var violation = kind.Shape(proposed, known, now)
                        ?? kind.Path(proposed, known)
                        ?? Version(known, proposed, expectedVersion)
                        ?? Duplicate(known, proposed)
                        ?? kind.Rules(proposed, known);
        return violation is null
            ? new Decision.Admitted(kind.Stored(proposed, known))
            : new Decision.Refused(violation);
    }

    /// <summary>The stream a write appends to, whose version <c>If-Match</c> names (product.md 10.16).</summary>
    public static string StreamOf(LedgerKnowledge known, ILedgerFact fact) => fact.Kind.Stored(fact, known).StreamId;

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
            ? Violation.Duplicate(fact.Kind.IdField, $"{fact.FactId} is already recorded (as {existing.Recorded.Type} at position {existing.Position})")
            : null;
}
