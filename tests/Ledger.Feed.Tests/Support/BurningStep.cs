using Ledger.Api.Ledger;

namespace Ledger.Feed.Tests.Support;

/// <summary>
/// Fails the write of any fact whose id starts with <see cref="Prefix"/> after its position was allocated and its
/// envelopes stored, so the transaction rolls back and the position is burnt: a permanent gap in the feed.
/// </summary>
public sealed class BurningStep : IRecordingStep
{
    public const string Prefix = "burn-";

    public Task OnRecorded(RecordedGroup group, CancellationToken ct) =>
        group.Facts.FirstOrDefault(f => f.Fact.Fact.FactId.StartsWith(Prefix, StringComparison.Ordinal)) is { } burnt
            ? throw new InvalidOperationException($"burning position {burnt.Fact.Position} on purpose")
            : Task.CompletedTask;
}
