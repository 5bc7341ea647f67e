namespace Ledger.Api.Ledger;

/// <summary>What a write carries besides its fact: who sent it, its retry key, the version it expects, its trace.</summary>
public sealed record WriteContext(
    string Path,
    string Body,
    string? IdempotencyKey,
    long? ExpectedVersion,
    string Actor,
    string? CorrelationId,
    string? CausationId)
{
    /// <summary>The idempotency key as its sender's, as it is stored and looked up.</summary>
    public string? StoredKey => IdempotencyKey is { } key ? IdempotencyRecord.IdOf(Actor, key) : null;
}
