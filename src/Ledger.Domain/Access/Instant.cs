using Ledger.Domain.Json;

namespace Ledger.Domain.Access;

/// <summary>Instants in explanations are always written in UTC, the way a regulator compares them.</summary>
internal static class Instant
{
    public static string Text(DateTimeOffset instant) => Rfc3339InstantConverter.Format(instant.ToUniversalTime());
}
