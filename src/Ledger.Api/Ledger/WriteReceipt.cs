namespace Ledger.Api.Ledger;

/// <summary>The answer to an accepted write: the ledger's own position, stream version and recorded time.</summary>
public sealed record WriteReceipt(string Id, long StreamVersion, long Position, DateTimeOffset RecordedAt, bool Retroactive);
