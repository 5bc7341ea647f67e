using Ledger.Domain.Facts;

namespace Ledger.Domain.Admission;

/// <summary>The outcome of proposing a fact: admitted as it will be stored, or refused with the first violation.</summary>
public abstract record Decision
{
    private Decision() { }

    public sealed record Admitted(ILedgerFact Fact) : Decision;

    public sealed record Refused(Violation Violation) : Decision;
}
