namespace Ledger.Domain.Facts;

/// <summary>
/// A fact as the ledger records it. Implemented explicitly on each event so that these derived members never
/// reach the stored JSON: an event's JSON is a storage contract.
/// </summary>
public interface ILedgerFact
{
    /// <summary>The client-chosen id the fact was written with (product.md 10.1).</summary>
    string FactId { get; }

    /// <summary>The stream the fact is appended to; its version is what <c>If-Match</c> names.</summary>
    string StreamId { get; }

    /// <summary>When the fact takes effect in law or in operation; null for registrations, which always count.</summary>
    DateTimeOffset? EffectiveAt { get; }

    /// <summary>When the provider learned it, where the fact has such a time.</summary>
    DateTimeOffset? ReceivedAt { get; }

    /// <summary>Top-level JSON fields a correction may not replace: the fact's id and the ids that place it.</summary>
    IReadOnlySet<string> IdentityFields { get; }
}
