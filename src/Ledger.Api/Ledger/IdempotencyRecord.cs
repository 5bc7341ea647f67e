namespace Ledger.Api.Ledger;

/// <summary>
/// The first successful answer to a write sent with an <c>Idempotency-Key</c>, stored in the same transaction as
/// its event, so a retry can never append twice. Refused writes are not stored (product.md 10.15).
/// </summary>
public sealed record IdempotencyRecord(string Id, string Path, string Body, WriteReceipt Receipt);
