using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Access;

/// <summary>
/// A directive as it stands at one effective instant: the scope version in force (the latest amendment by
/// effective time, then position), what has been rescinded by then, and whether it is still in force.
/// </summary>
public sealed record DirectiveInForce(
    KnownFact Issued,
    DirectiveScope Scope,
    KnownFact ScopeSource,
    int ScopeVersion,
    IReadOnlyList<KnownFact> Rescissions,
    IReadOnlyList<KnownFact> Easings,
    DateTimeOffset At)
{
    public DirectiveIssued Directive => Issued.As<DirectiveIssued>();

    public string Id => Directive.DirectiveId;

    public bool IsPending => At < Directive.EffectiveAt;

    public bool IsRescinded(string modelId) => Rescissions.Any(r => r.As<DirectiveRescinded>().Rescinds(modelId));

    /// <summary>Product.md 10.3: in force from its effective time until every model of its scope is rescinded.</summary>
    public bool InForce =>
        !IsPending
        && !Rescissions.Any(r => r.As<DirectiveRescinded>().RescindsAll)
        && Scope.Models.Any(m => !IsRescinded(m));

    public bool Restricts(string modelId) => InForce && Scope.Models.Contains(modelId) && !IsRescinded(modelId);

    /// <summary>Easings in force at this instant: granted by then, of a directive still in force.</summary>
    public IEnumerable<KnownFact> EasingsInForce => InForce ? Easings : [];

    public static DirectiveInForce Of(LedgerKnowledge known, string directiveId, DateTimeOffset at)
    {
        var issued = known.Facts[directiveId];
        KnownFact? lastAmendment = null;
        var amendments = 0;
        List<KnownFact>? rescissions = null, easings = null;

        // One pass over the acts in effect by then, in the order "latest" means (effective time, then position).
        foreach (var filed in known.ActsInEffectOf(directiveId))
        {
            if (filed.At > at)
                break;
            switch (filed.Fact.Current)
            {
                case DirectiveAmended:
                    lastAmendment = filed.Fact;
                    amendments++;
                    break;
                case DirectiveRescinded:
                    (rescissions ??= []).Add(filed.Fact);
                    break;
                case EasingGranted:
                    (easings ??= []).Add(filed.Fact);
                    break;
            }
        }

        var scopeSource = lastAmendment ?? issued;
        var scope = scopeSource.Current switch
        {
            DirectiveAmended amended => amended.Scope,
            _ => issued.As<DirectiveIssued>().Scope,
        };
        return new DirectiveInForce(issued, scope, scopeSource, amendments + 1, rescissions ?? [], easings ?? [], at);
    }

    public static IEnumerable<DirectiveInForce> All(LedgerKnowledge known, DateTimeOffset at) =>
        known.Directives.Select(id => Of(known, id, at));
}
