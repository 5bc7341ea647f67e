namespace Ledger.Api.Http;

/// <summary>The raw JSON of a write as received, kept for the idempotency comparison of product.md 10.15.</summary>
internal sealed record RequestBody(string Json);
