using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;

namespace Ledger.Domain.Register;

/// <summary>
/// The three clocks of one fact (product.md section 3): effective, received (instant, zone and the original local
/// wall time, which is evidence) and recorded with its ledger position.
/// </summary>
public sealed record FactTimes(
    DateTimeOffset? EffectiveAt,
    DateTimeOffset? ReceivedAt,
    string? ReceivedTimeZone,
    string? ReceivedLocalTime,
    DateTimeOffset RecordedAt,
    long Position,
    bool Retroactive)
{
    public static FactTimes Of(KnownFact known)
    {
        var zone = known.Current.ReceivedTimeZone;
        var received = known.Current.ReceivedAt;
        var local = received is { } at && zone is not null
            ? Admission.Fields.InZone(at, zone).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", System.Globalization.CultureInfo.InvariantCulture)
            : null;
        var recorded = known.Recorded with { Fact = known.Current };
        return new FactTimes(known.Current.EffectiveAt, received, zone, local, recorded.RecordedAt, recorded.Position, recorded.Retroactive);
    }
}
