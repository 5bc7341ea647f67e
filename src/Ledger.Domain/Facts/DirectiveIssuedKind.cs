using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>
/// A directive is issued once, naming registered models, the registered organisations it is addressed to and,
/// optionally, the one that issued it; a confidential directive names at least one addressee, who may read it
/// (product.md 11). Its stream then holds its amendments, easings and rescissions.
/// </summary>
public sealed class DirectiveIssuedKind : FactKind<DirectiveIssued>
{
    public static readonly DirectiveIssuedKind Instance = new();

    public override string StoredName => "directive-issued.v2";
    public override string IdField => "directiveId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId" };

    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } =
        [ConfidentialText.Text("reference"), ConfidentialText.Text("rationale"), ConfidentialText.Documents("documents")];

    protected override Violation? Shape(DirectiveIssued fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("directiveId", fact.DirectiveId)
        ?? Fields.Text("reference", fact.Reference)
        ?? Fields.Text("issuer", fact.Issuer)
        ?? (fact.IssuingOrganizationId is null ? null : Fields.Id("issuingOrganizationId", fact.IssuingOrganizationId))
        ?? Addressees(fact)
        ?? Fields.Texts("authorities", fact.Authorities)
        ?? Fields.Text("channel", fact.Channel)
        ?? Fields.OptionalText("rationale", fact.Rationale)
        ?? Fields.Scope("scope", fact.Scope)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Received(fact.ReceivedAt, fact.ReceivedTimeZone, now)
        ?? Fields.Documents("documents", fact.Documents);

    /// <summary>A confidential directive must name someone besides compliance and auditors who may read it.</summary>
    private static Violation? Addressees(DirectiveIssued fact) =>
        fact.Addressees is null
            ? Violation.Malformed("missing-list", "addressees", "addressees is a list of registered organisation ids, empty for none")
            : Fields.OptionalIds("addressees", fact.Addressees)
              ?? (fact.Confidential && fact.Addressees.Count == 0
                  ? Violation.Malformed("confidential-without-addressees", "addressees",
                      "a confidential directive names at least one addressee: the organisations that may read its text")
                  : null);

    protected override Violation? Path(DirectiveIssued fact, LedgerKnowledge known) => null;

    protected override Violation? Rules(DirectiveIssued fact, LedgerKnowledge known) =>
        Requires.Models(known, "scope.models", fact.Scope.Models)
        ?? fact.Addressees.Select((o, i) => Requires.Organization(known, $"addressees[{i}]", o)).FirstOrDefault(v => v is not null)
        ?? (fact.IssuingOrganizationId is { } issuer ? Requires.Organization(known, "issuingOrganizationId", issuer) : null);

    protected override DirectiveIssued Stored(DirectiveIssued fact, LedgerKnowledge known) =>
        fact with { ReceivedAt = Fields.InZone(fact.ReceivedAt, fact.ReceivedTimeZone) };

    protected override Reach Touches(DirectiveIssued fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Directive(after, fact.DirectiveId, fact.EffectiveAt);

    protected override ILedgerFact AsKnown(DirectiveIssued fact, LedgerKnowledge known) => fact;
    protected override string? DirectiveOf(DirectiveIssued fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(DirectiveIssued fact, string organizationId) => false;
    protected override bool ConcernsModel(DirectiveIssued fact, string modelId, LedgerKnowledge known) => fact.Scope.Models.Contains(modelId);
    protected override IEnumerable<string> References(DirectiveIssued fact) => [];
}
