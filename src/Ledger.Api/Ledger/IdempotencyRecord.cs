namespace Ledger.Api.Ledger;

/// <summary>
/// The first successful answer to a write sent with an <c>Idempotency-Key</c>, stored in the same transaction as
/// its event, so a retry can never append twice. Refused writes are not stored (product.md 10.15).
/// <see cref="Receipt"/> is the write's first receipt; <see cref="Receipts"/> holds them all when the write recorded
/// several facts (an annex), and is absent otherwise, so records written before annexes existed still read.
/// <see cref="Id"/> is the key as its sender's (<see cref="IdOf"/>): the same key from another subject is another key,
/// so it can neither replay nor probe a write that is not its own. Records stored before keys had senders are keyed by
/// the bare key and are no longer consulted: a retry spanning that upgrade is judged as a new write (its fact id is
/// taken, so it is a 409 and nothing is appended twice).
/// </summary>
public sealed record IdempotencyRecord(string Id, string Path, string Body, WriteReceipt Receipt, IReadOnlyList<WriteReceipt>? Receipts = null)
{
    public IReadOnlyList<WriteReceipt> All => Receipts ?? [Receipt];

    /// <summary>
    /// The stored id of <paramref name="key"/> sent by <paramref name="subject"/>. A subject never holds a control
    /// character (the bearer check refuses one), so the separator cannot be forged from either side.
    /// </summary>
    public static string IdOf(string subject, string key) => $"{subject}\u001f{key}";

    public static IdempotencyRecord Of(string key, string path, string body, IReadOnlyList<WriteReceipt> receipts) =>
        new(key, path, body, receipts[0], receipts.Count > 1 ? receipts : null);
}
