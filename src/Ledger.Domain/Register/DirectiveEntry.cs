using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Readers;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Register;

/// <summary>
/// A directive as the register shows it at one effective instant, with all three of its times.
/// <see cref="Redacted"/> says its confidential text was withheld from this reader (<see cref="Withholding"/>).
/// </summary>
public sealed record DirectiveEntry(
    string DirectiveId,
    string Reference,
    string Issuer,
    IReadOnlyList<string> Authorities,
    DirectiveKind Kind,
    string Channel,
    string? Rationale,
    bool Confidential,
    DirectiveStatus Status,
    int ScopeVersion,
    DirectiveScope Scope,
    IReadOnlyList<string> RescindedModels,
    IReadOnlyList<DirectiveEntry.Act> Amendments,
    IReadOnlyList<DirectiveEntry.Easing> Easings,
    IReadOnlyList<DirectiveEntry.Act> Rescissions,
    IReadOnlyList<SourceDocument> Documents,
    FactTimes Times,
    IReadOnlyList<BasisEvent> Corrections,
    bool Redacted)
{
    public sealed record Act(string Id, DateTimeOffset EffectiveAt, IReadOnlyList<string>? Models, FactTimes Times);

    public sealed record Easing(
        string EasingId,
        IReadOnlyList<string> Models,
        bool CoversListedOrganizations,
        bool CoversAddresseeForeignEmployees,
        IReadOnlyList<string> Conditions,
        bool InForce,
        FactTimes Times);

    public static DirectiveEntry At(LedgerKnowledge known, string directiveId, DateTimeOffset at, Withholding reader)
    {
        var state = DirectiveInForce.Of(known, directiveId, at);
        var d = reader.Apply(state.Directive);
        var rescinded = state.Scope.Models.Where(state.IsRescinded).ToList();
        var easingsInForce = state.EasingsInForce.Select(e => e.Id).ToHashSet();
        var acts = known.ActsOf(directiveId).ToList();
        var status = state.IsPending ? DirectiveStatus.Pending
            : !state.InForce ? DirectiveStatus.Rescinded
            : state.Rescissions.Count > 0 ? DirectiveStatus.PartiallyRescinded
            : easingsInForce.Count > 0 ? DirectiveStatus.Eased
            : DirectiveStatus.InForce;

        return new DirectiveEntry(
            d.DirectiveId, d.Reference, d.Issuer, d.Authorities, d.Kind, d.Channel, d.Rationale, d.Confidential,
            status,
            state.ScopeVersion,
            state.Scope,
            rescinded,
            acts.Where(f => f.Current is DirectiveAmended)
                .Select(f => new Act(f.Id, f.As<DirectiveAmended>().EffectiveAt, f.As<DirectiveAmended>().Scope.Models, FactTimes.Of(f))).ToList(),
            acts.Where(f => f.Current is EasingGranted).Select(f =>
            {
                var e = reader.Apply(f.As<EasingGranted>());
                return new Easing(e.EasingId, e.Models, e.CoversListedOrganizations, e.CoversAddresseeForeignEmployees, e.Conditions,
                    easingsInForce.Contains(e.EasingId), FactTimes.Of(f));
            }).ToList(),
            acts.Where(f => f.Current is DirectiveRescinded)
                .Select(f => new Act(f.Id, f.As<DirectiveRescinded>().EffectiveAt, f.As<DirectiveRescinded>().Models, FactTimes.Of(f))).ToList(),
            d.Documents,
            FactTimes.Of(state.Issued),
            state.Issued.Corrections.Select(c => new BasisEvent(c.Fact.FactId, c.Position, c.Type)).ToList(),
            reader.Withholds(d));
    }
}
