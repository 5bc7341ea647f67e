namespace Ledger.Domain.Vocabulary;

public enum VettingOutcome
{
    Approved,
    Rejected,
}
