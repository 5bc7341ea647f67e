using System.Globalization;
using System.Text.Json;

namespace Ledger.Verifier.Reports;

/// <summary>
/// The events of a bundle, in the order it lists them, for recomputation: only after <see cref="Integrity.Bundles.BundleVerifier"/>
/// has accepted the bundle, so every line read here is one the ledger wrote and its checkpoint covers. A line that
/// carries no content (withheld whole) is counted by its position: nothing can be folded from it.
/// </summary>
public static class BundleEvents
{
    public sealed record Read(IReadOnlyList<LedgerEvent> Events, IReadOnlyList<long> WithoutContent);

    public static Read From(TextReader bundle)
    {
        var events = new List<LedgerEvent>();
        var withoutContent = new List<long>();
        while (bundle.ReadLine() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            var row = document.RootElement;
            if (!row.TryGetProperty("leaf", out _))
                continue;
            var position = row.GetProperty("position").GetInt64();
            if (!row.TryGetProperty("data", out var data))
            {
                withoutContent.Add(position);
                continue;
            }

            events.Add(new LedgerEvent(
                position,
                row.GetProperty("type").GetString()!,
                DateTimeOffset.ParseExact(row.GetProperty("recordedAt").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                row.GetProperty("stream").GetString(),
                row.GetProperty("version").GetInt64(),
                row.GetProperty("userName").GetString(),
                data.GetRawText()));
        }

        return new Read(events, withoutContent);
    }
}
