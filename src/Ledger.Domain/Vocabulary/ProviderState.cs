namespace Ledger.Domain.Vocabulary;

public enum ProviderState
{
    Enabled,
    Suspended,
}
