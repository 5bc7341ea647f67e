namespace Ledger.Domain.Facts;

/// <summary>
/// A fact as the ledger records it. Implemented explicitly on each event so that these derived members never
/// reach the stored JSON: an event's JSON is a storage contract. Everything else the ledger knows about a kind of
/// fact stands in its <see cref="Kind"/>, beside the record.
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

    /// <summary>The IANA zone the fact was received in, where it has a received time.</summary>
    string? ReceivedTimeZone { get; }

    /// <summary>The one home of this kind of fact: its stored name, checks, rules, reach and confidential text.</summary>
    IFactKind Kind { get; }
}
