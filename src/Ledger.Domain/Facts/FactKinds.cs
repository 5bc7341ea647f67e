namespace Ledger.Domain.Facts;

/// <summary>
/// Every kind of fact the ledger records: the one list to extend when a kind is added (its record implements
/// <see cref="ILedgerFact"/>, its descriptor <see cref="FactKind{TFact}"/>, and the compiler asks for the rest).
/// </summary>
public static class FactKinds
{
    public static readonly IReadOnlyList<IFactKind> All =
    [
        ModelRegisteredKind.Instance,
        OrganizationRegisteredKind.Instance,
        DirectiveIssuedV1Kind.Instance,
        DirectiveIssuedKind.Instance,
        DirectiveAmendedKind.Instance,
        EasingGrantedKind.Instance,
        DirectiveRescindedKind.Instance,
        OrganizationVettedKind.Instance,
        VettingRevokedKind.Instance,
        AccessSuspendedKind.Instance,
        AccessRestoredKind.Instance,
        CorrectionRecordedKind.Instance,
    ];
}
