namespace Ledger.Domain.Access;

/// <summary>One recorded fact an answer rests on: its id, its ledger position and its stored type.</summary>
public sealed record BasisEvent(string EventId, long Position, string Type);
