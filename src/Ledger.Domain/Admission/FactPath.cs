using Ledger.Domain.Facts;

namespace Ledger.Domain.Admission;

/// <summary>The 404 checks: the records a write's path names must exist (product.md 10.11, 10.16).</summary>
public static class FactPath
{
    public static Violation? Of(Knowledge.LedgerKnowledge known, ILedgerFact fact) => fact switch
    {
        DirectiveAmended a => Directive(known, a.DirectiveId),
        EasingGranted e => Directive(known, e.DirectiveId),
        DirectiveRescinded r => Directive(known, r.DirectiveId),
        OrganizationVetted v => Organization(known, v.OrganizationId),
        VettingRevoked r => Organization(known, r.OrganizationId)
                            ?? (known.Find<OrganizationVetted>(r.VettingId) is { } vetting && vetting.OrganizationId == r.OrganizationId
                                ? null
                                : Violation.NotFound("vetting-not-found", "vettingId",
                                    $"organisation {r.OrganizationId} holds no vetting {r.VettingId}")),
        _ => null,
    };

    private static Violation? Directive(Knowledge.LedgerKnowledge known, string id) =>
        known.Find<DirectiveIssued>(id) is null
            ? Violation.NotFound("directive-not-found", "directiveId", $"no directive {id} is recorded")
            : null;

    private static Violation? Organization(Knowledge.LedgerKnowledge known, string id) =>
        known.Find<OrganizationRegistered>(id) is null
            ? Violation.NotFound("organization-not-found", "organizationId", $"no organisation {id} is registered")
            : null;
}
