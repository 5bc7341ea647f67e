using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>An organisation is registered once; it counts at every effective instant (product.md 10.2).</summary>
public sealed class OrganizationRegisteredKind : FactKind<OrganizationRegistered>
{
    public static readonly OrganizationRegisteredKind Instance = new();

    public override string StoredName => "organization-registered.v1";
    public override string IdField => "organizationId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "organizationId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(OrganizationRegistered fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("organizationId", fact.OrganizationId)
        ?? Fields.Text("name", fact.Name)
        ?? Fields.Country("country", fact.Country)
        ?? Fields.Sectors("sectors", fact.Sectors);

    protected override Violation? Path(OrganizationRegistered fact, LedgerKnowledge known) => null;
    protected override Violation? Rules(OrganizationRegistered fact, LedgerKnowledge known) => null;
    protected override OrganizationRegistered Stored(OrganizationRegistered fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(OrganizationRegistered fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Organization(after, fact.OrganizationId);

    protected override ILedgerFact AsKnown(OrganizationRegistered fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(OrganizationRegistered fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(OrganizationRegistered fact, string organizationId) => fact.OrganizationId == organizationId;
    protected override bool ConcernsModel(OrganizationRegistered fact, string modelId, LedgerKnowledge known) => false;
    protected override IEnumerable<string> References(OrganizationRegistered fact) => [];
}
