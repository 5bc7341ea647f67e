namespace Ledger.Domain.Facts;

/// <summary>A document a fact rests on, fixed by its SHA-256 so the evidence can be matched later.</summary>
public sealed record SourceDocument(string Sha256, string Title, string? Uri = null);
