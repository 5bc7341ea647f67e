using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>
/// Everything the ledger knows about one kind of fact, so that no switch over fact types elsewhere can forget one:
/// a new kind implements <see cref="FactKind{TFact}"/>, and the compiler asks for each member below.
/// </summary>
public interface IFactKind
{
    Type Type { get; }

    /// <summary>The stored event type name with its version, e.g. <c>easing-granted.v1</c>: a storage contract.</summary>
    string StoredName { get; }

    /// <summary>The JSON field that carries the fact's id, named by a duplicate-id problem.</summary>
    string IdField { get; }

    /// <summary>Top-level JSON fields a correction may not replace: the fact's id and the ids that place it.</summary>
    IReadOnlySet<string> IdentityFields { get; }

    /// <summary>The fields that are confidential text when the fact belongs to a confidential directive (product.md 11).</summary>
    IReadOnlyList<ConfidentialText> ConfidentialFields { get; }

    /// <summary>The 400 checks: what can be judged from the fact alone (and, for a correction, its target).</summary>
    Violation? Shape(ILedgerFact fact, LedgerKnowledge known, DateTimeOffset now);

    /// <summary>The 404 checks: the records the write's path names must exist.</summary>
    Violation? Path(ILedgerFact fact, LedgerKnowledge known);

    /// <summary>The 422 rules of this kind, against everything known when the fact is written.</summary>
    Violation? Rules(ILedgerFact fact, LedgerKnowledge known);


    /// <summary>
    /// The fact as the ledger stores it: received times at their zone's offset, a correction bound to its target's
    /// stream. Its <see cref="ILedgerFact.StreamId"/> is the stream the write appends to, which <c>If-Match</c> names.
    /// </summary>
    ILedgerFact Stored(ILedgerFact fact, LedgerKnowledge known);

    /// <summary>
    /// The fact as the ledger reads it, in the newest shape of its kind: a stored older version is upcast here, with
    /// what the ledger knew when it was recorded. A stored fact itself never changes.
    /// </summary>
    ILedgerFact AsKnown(ILedgerFact fact, LedgerKnowledge known);

    /// <summary>The matrix cells the fact can change, and from when: what the interval read model redraws and the feed compares.</summary>
    Reach Touches(ILedgerFact fact, LedgerKnowledge before, LedgerKnowledge after);

    /// <summary>The directive the fact belongs to, whose confidentiality covers its text; null when none.</summary>
    string? DirectiveOf(ILedgerFact fact, LedgerKnowledge known);

    /// <summary>Whether the fact belongs in the audit timeline of this organisation.</summary>
    bool ConcernsOrganization(ILedgerFact fact, string organizationId);

    /// <summary>Whether the fact belongs in the audit timeline of this model.</summary>
    bool ConcernsModel(ILedgerFact fact, string modelId, LedgerKnowledge known);

    /// <summary>The ids of the recorded facts this one rests on.</summary>
    IEnumerable<string> References(ILedgerFact fact);
}
