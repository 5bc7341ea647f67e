namespace Ledger.Api.Ledger;

/// <summary>
/// The first successful answer to a write sent with an <c>Idempotency-Key</c>, stored in the same transaction as
/// its event, so a retry can never append twice. Refused writes are not stored (product.md 10.15).
/// <see cref="Receipt"/> is the write's first receipt; <see cref="Receipts"/> holds them all when the write recorded
/// several facts (an annex), and is absent otherwise, so records written before annexes existed still read.
/// </summary>
public sealed record IdempotencyRecord(string Id, string Path, string Body, WriteReceipt Receipt, IReadOnlyList<WriteReceipt>? Receipts = null)
{
    public IReadOnlyList<WriteReceipt> All => Receipts ?? [Receipt];

    public static IdempotencyRecord Of(string key, string path, string body, IReadOnlyList<WriteReceipt> receipts) =>
        new(key, path, body, receipts[0], receipts.Count > 1 ? receipts : null);
}
