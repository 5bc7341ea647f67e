using Ledger.Domain.Admission;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>A directive is issued once, naming registered models; its stream then holds its amendments, easings and rescissions.</summary>
public sealed class DirectiveIssuedKind : FactKind<DirectiveIssued>
{
    public static readonly DirectiveIssuedKind Instance = new();

    public override string StoredName => "directive-issued.v1";
    public override string IdField => "directiveId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "directiveId" };

    public override IReadOnlyList<ConfidentialText> ConfidentialFields { get; } =
        [ConfidentialText.Text("reference"), ConfidentialText.Text("rationale"), ConfidentialText.Documents("documents")];

    protected override Violation? Shape(DirectiveIssued fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("directiveId", fact.DirectiveId)
        ?? Fields.Text("reference", fact.Reference)
        ?? Fields.Text("issuer", fact.Issuer)
        ?? Fields.Texts("authorities", fact.Authorities)
        ?? Fields.Text("channel", fact.Channel)
        ?? Fields.OptionalText("rationale", fact.Rationale)
        ?? Fields.Scope("scope", fact.Scope)
        ?? Fields.Instant("effectiveAt", fact.EffectiveAt, now)
        ?? Fields.Received(fact.ReceivedAt, fact.ReceivedTimeZone, now)
        ?? Fields.Documents("documents", fact.Documents);

    protected override Violation? Path(DirectiveIssued fact, LedgerKnowledge known) => null;

    protected override Violation? Rules(DirectiveIssued fact, LedgerKnowledge known) => Requires.Models(known, "scope.models", fact.Scope.Models);


    protected override DirectiveIssued Stored(DirectiveIssued fact, LedgerKnowledge known) =>
        fact with { ReceivedAt = Fields.InZone(fact.ReceivedAt, fact.ReceivedTimeZone) };

    protected override string? DirectiveOf(DirectiveIssued fact, LedgerKnowledge known) => fact.DirectiveId;
    protected override bool ConcernsOrganization(DirectiveIssued fact, string organizationId) => false;
    protected override bool ConcernsModel(DirectiveIssued fact, string modelId, LedgerKnowledge known) => fact.Scope.Models.Contains(modelId);
    protected override IEnumerable<string> References(DirectiveIssued fact) => [];
}
