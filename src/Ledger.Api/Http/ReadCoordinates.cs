using Ledger.Api.Ledger;

namespace Ledger.Api.Http;

/// <summary>
/// Where a read stands: a cut of the ledger on the recorded axis and an instant on the effective axis. An endpoint
/// that takes it as a parameter gets it from <see cref="ReadQuery"/>, resolved from the query string before it runs.
/// </summary>
public sealed record ReadCoordinates(KnowledgeCut Cut, DateTimeOffset AsOf);
