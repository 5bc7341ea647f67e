namespace Ledger.Domain.Vocabulary;

public enum Access
{
    Allowed,
    Denied,
}
