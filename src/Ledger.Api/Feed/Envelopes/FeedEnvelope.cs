namespace Ledger.Api.Feed.Envelopes;

/// <summary>
/// One CloudEvent of the feed as stored: <see cref="Index"/> 0 is the ledger event at <see cref="Position"/>, 1..n
/// its access changes. <see cref="Json"/> is the structured-mode JSON, stored once so every reader gets the same bytes.
/// </summary>
internal sealed record FeedEnvelope(long Position, int Index, string Id, string Type, string Subject, DateTimeOffset Time, string Json);
