using System.Globalization;

namespace Ledger.Domain.Tests.Support;

public static class Time
{
    /// <summary>The recording clock of a test ledger unless a test sets it: after every instant the tests use.</summary>
    public static readonly DateTimeOffset DefaultNow = At("2026-08-15T00:00Z");

    public static DateTimeOffset At(string rfc3339) => DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture);
}
