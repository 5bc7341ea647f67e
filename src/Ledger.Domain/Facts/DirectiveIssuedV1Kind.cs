using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>
/// Directives stored before they named addressees. None is admitted any more; each is read as a
/// <see cref="DirectiveIssued"/> addressed to the organisations flagged <c>isAddressee</c> when it was recorded.
/// </summary>
public sealed class DirectiveIssuedV1Kind : FactKind<DirectiveIssuedV1>
{
    public static readonly DirectiveIssuedV1Kind Instance = new();

    public override string StoredName => "directive-issued.v1";
    public override string IdField => "directiveId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => DirectiveIssuedKind.Instance.ConfidentialFields;

    protected override Violation? Shape(DirectiveIssuedV1 fact, LedgerKnowledge known, DateTimeOffset now) =>
        Violation.Malformed("superseded-kind", "", $"{StoredName} is no longer written; a directive is issued as {DirectiveIssuedKind.Instance.StoredName}");

    protected override Violation? Path(DirectiveIssuedV1 fact, LedgerKnowledge known) => null;
    protected override Violation? Rules(DirectiveIssuedV1 fact, LedgerKnowledge known) => null;
    protected override DirectiveIssuedV1 Stored(DirectiveIssuedV1 fact, LedgerKnowledge known) => fact;

    protected override Reach Touches(DirectiveIssuedV1 fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Directive(after, fact.DirectiveId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(DirectiveIssuedV1 fact, LedgerKnowledge known) =>
        fact.Upcast(known.Addressees.Select(o => o.OrganizationId).ToList());

    protected override string? DirectiveOf(DirectiveIssuedV1 fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(DirectiveIssuedV1 fact, string organizationId) => false;
    protected override bool ConcernsModel(DirectiveIssuedV1 fact, string modelId, LedgerKnowledge known) => fact.Scope.Models.Contains(modelId);
    protected override IEnumerable<string> References(DirectiveIssuedV1 fact) => [];
}
