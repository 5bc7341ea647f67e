namespace Ledger.Integrity.Bundles;

/// <summary>
/// One event of a verified bundle, as its reader may see it: the fields a fold needs (<paramref name="UserName"/> is
/// the actor), with <paramref name="Data"/> the
/// stored JSON, or, where the bundle withheld the text (<paramref name="Withheld"/>), the same JSON with every
/// confidential text read as <see cref="Leaves.TextCommitments.Marker"/>, exactly as the ledger's own reads withhold it.
/// </summary>
public sealed record VerifiedEvent(
    long Leaf, long Position, Guid Id, string? StreamId, long Version, string Type, DateTimeOffset RecordedAt, string? UserName, string Data, bool Withheld);

/// <summary>
/// What <see cref="BundleVerifier.Read(Stream, string, Checkpoints.NoteVerifierKey?)"/> found: the verdict and, when it is ok, the events in
/// position order. <paramref name="Unreadable"/> lists the positions of events the bundle places in the log but carries
/// no content of (<c>leaf/v1</c> events withheld whole): a fold of the events is incomplete when it is not empty.
/// </summary>
public sealed record VerifiedBundle(BundleVerdict Verdict, IReadOnlyList<VerifiedEvent> Events, IReadOnlyList<long> Unreadable);
