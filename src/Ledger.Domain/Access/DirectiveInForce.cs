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
        var acts = known.ActsInEffectOf(directiveId).TakeWhile(filed => filed.At <= at).Select(filed => filed.Fact).ToList();
        var amendments = acts.Where(f => f.Current is DirectiveAmended).ToList();
        var scopeSource = amendments.LastOrDefault() ?? issued;
        var scope = scopeSource.Current switch
        {
            DirectiveAmended amended => amended.Scope,
            _ => issued.As<DirectiveIssued>().Scope,
        };
        return new DirectiveInForce(
            issued,
            scope,
            scopeSource,
            amendments.Count + 1,
            acts.Where(f => f.Current is DirectiveRescinded).ToList(),
            acts.Where(f => f.Current is EasingGranted).ToList(),
            at);
    }

    public static IEnumerable<DirectiveInForce> All(LedgerKnowledge known, DateTimeOffset at) =>
        known.Directives.Select(id => Of(known, id, at));
}
