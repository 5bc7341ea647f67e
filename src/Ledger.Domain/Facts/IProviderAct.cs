using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Facts;

/// <summary>A suspension or a restoration: the provider's own switch, as opposed to the law.</summary>
public interface IProviderAct
{
    string ModelId { get; }
    string OrganizationId { get; }
    IReadOnlyList<PersonClass> PersonClasses { get; }
    DateTimeOffset EffectiveAt { get; }
    ProviderState Result { get; }
}
