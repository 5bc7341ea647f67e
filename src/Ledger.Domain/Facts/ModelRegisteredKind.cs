using Ledger.Domain.Admission;
using Ledger.Domain.Changes;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;

namespace Ledger.Domain.Facts;

/// <summary>A model is registered once; it counts at every effective instant (product.md 10.2).</summary>
public sealed class ModelRegisteredKind : FactKind<ModelRegistered>
{
    public static readonly ModelRegisteredKind Instance = new();

    public override string StoredName => "model-registered.v1";
    public override string IdField => "modelId";
    public override IReadOnlySet<string> IdentityFields { get; } = new HashSet<string> { "modelId" };
    public override IReadOnlyList<ConfidentialText> ConfidentialFields => ConfidentialText.None;

    protected override Violation? Shape(ModelRegistered fact, LedgerKnowledge known, DateTimeOffset now) =>
        Fields.Id("modelId", fact.ModelId) ?? Fields.Text("name", fact.Name);

    protected override Violation? Path(ModelRegistered fact, LedgerKnowledge known) => null;
    protected override Violation? Rules(ModelRegistered fact, LedgerKnowledge known) => null;
    protected override ModelRegistered Stored(ModelRegistered fact, LedgerKnowledge known) => fact;
    protected override Reach Touches(ModelRegistered fact, LedgerKnowledge before, LedgerKnowledge after) => Reach.Model(after, fact.ModelId);

    protected override ILedgerFact AsKnown(ModelRegistered fact, LedgerKnowledge known) => fact;

    protected override string? DirectiveOf(ModelRegistered fact, LedgerKnowledge known) => null;
    protected override bool ConcernsOrganization(ModelRegistered fact, string organizationId) => false;
    protected override bool ConcernsModel(ModelRegistered fact, string modelId, LedgerKnowledge known) => fact.ModelId == modelId;
    protected override IEnumerable<string> References(ModelRegistered fact) => [];
}
