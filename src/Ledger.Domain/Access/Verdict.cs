using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Access;

/// <summary>
/// The decided state of one (model, organisation, person class) at one instant, with the facts that decided it
/// and the sentences a person reads to understand why.
/// </summary>
public sealed record Verdict(
    LegalState Legal,
    ProviderState Provider,
    Vocabulary.Access Access,
    IReadOnlyList<BasisEvent> Basis,
    IReadOnlyList<string> Reasons)
{
    public (LegalState, ProviderState, Vocabulary.Access) State => (Legal, Provider, Access);
}
