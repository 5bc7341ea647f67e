namespace Ledger.Domain.Facts;

/// <summary>
/// The stored name of every event type. Pinned here, not derived from class names, because a stored name is a
/// storage contract: a new shape gets a new name (".v2"), an old name is never reused.
/// </summary>
public static class LedgerEventTypes
{
    public static readonly IReadOnlyDictionary<Type, string> Names = new Dictionary<Type, string>
    {
        [typeof(ModelRegistered)] = "model-registered.v1",
        [typeof(OrganizationRegistered)] = "organization-registered.v1",
        [typeof(DirectiveIssued)] = "directive-issued.v1",
        [typeof(DirectiveAmended)] = "directive-amended.v1",
        [typeof(EasingGranted)] = "easing-granted.v1",
        [typeof(DirectiveRescinded)] = "directive-rescinded.v1",
        [typeof(OrganizationVetted)] = "organization-vetted.v1",
        [typeof(VettingRevoked)] = "vetting-revoked.v1",
        [typeof(AccessSuspended)] = "access-suspended.v1",
        [typeof(AccessRestored)] = "access-restored.v1",
        [typeof(CorrectionRecorded)] = "correction-recorded.v1",
    };

    public static string NameOf(ILedgerFact fact) => Names[fact.GetType()];
}
