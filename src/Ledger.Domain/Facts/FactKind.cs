using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>
/// The typed base of every <see cref="IFactKind"/>: each member is abstract, so a kind cannot leave one out and
/// fall back to a silent default.
/// </summary>
public abstract class FactKind<TFact> : IFactKind where TFact : class, ILedgerFact
{
    public Type Type => typeof(TFact);

    public abstract string StoredName { get; }

    public abstract string IdField { get; }

    public abstract IReadOnlySet<string> IdentityFields { get; }

    public abstract IReadOnlyList<ConfidentialText> ConfidentialFields { get; }

    protected abstract Violation? Shape(TFact fact, LedgerKnowledge known, DateTimeOffset now);

    protected abstract Violation? Path(TFact fact, LedgerKnowledge known);

    protected abstract Violation? Rules(TFact fact, LedgerKnowledge known);

    protected abstract TFact Stored(TFact fact, LedgerKnowledge known);

    protected abstract ILedgerFact AsKnown(TFact fact, LedgerKnowledge known);

    protected abstract Reach Touches(TFact fact, LedgerKnowledge before, LedgerKnowledge after);

    protected abstract string? DirectiveOf(TFact fact, LedgerKnowledge known);

    protected abstract bool ConcernsOrganization(TFact fact, string organizationId);

    protected abstract bool ConcernsModel(TFact fact, string modelId, LedgerKnowledge known);

    protected abstract IEnumerable<string> References(TFact fact);

    Violation? IFactKind.Shape(ILedgerFact fact, LedgerKnowledge known, DateTimeOffset now) => Shape(Of(fact), known, now);

    Violation? IFactKind.Path(ILedgerFact fact, LedgerKnowledge known) => Path(Of(fact), known);

    Violation? IFactKind.Rules(ILedgerFact fact, LedgerKnowledge known) => Rules(Of(fact), known);

    ILedgerFact IFactKind.Stored(ILedgerFact fact, LedgerKnowledge known) => Stored(Of(fact), known);

    ILedgerFact IFactKind.AsKnown(ILedgerFact fact, LedgerKnowledge known) => AsKnown(Of(fact), known);

    Reach IFactKind.Touches(ILedgerFact fact, LedgerKnowledge before, LedgerKnowledge after) => Touches(Of(fact), before, after);

    string? IFactKind.DirectiveOf(ILedgerFact fact, LedgerKnowledge known) => DirectiveOf(Of(fact), known);

    bool IFactKind.ConcernsOrganization(ILedgerFact fact, string organizationId) => ConcernsOrganization(Of(fact), organizationId);

    bool IFactKind.ConcernsModel(ILedgerFact fact, string modelId, LedgerKnowledge known) => ConcernsModel(Of(fact), modelId, known);

    IEnumerable<string> IFactKind.References(ILedgerFact fact) => References(Of(fact));

    private static TFact Of(ILedgerFact fact) =>
        fact as TFact ?? throw new ArgumentException($"{fact.GetType().Name} is not a {typeof(TFact).Name}", nameof(fact));
}
