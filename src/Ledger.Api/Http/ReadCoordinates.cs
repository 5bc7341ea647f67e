using Ledger.Api.Ledger;

namespace Ledger.Api.Http;

/// <summary>
/// Where a read stands: a cut of the ledger on the recorded axis and an instant on the effective axis. An endpoint
/// that takes it as a parameter gets it from <see cref="ReadQuery"/>, resolved from the query string before it runs.
/// <see cref="Now"/> is what the ledger knows at its head, on which confidentiality and clearance are judged for a
/// read at any position (product.md 11).
/// </summary>
public sealed record ReadCoordinates(KnowledgeCut Cut, DateTimeOffset AsOf, Domain.Knowledge.LedgerKnowledge Now);
