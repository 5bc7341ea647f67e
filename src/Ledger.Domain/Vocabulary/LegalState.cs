namespace Ledger.Domain.Vocabulary;

public enum LegalState
{
    Unrestricted,
    Restricted,
    Eased,
}
