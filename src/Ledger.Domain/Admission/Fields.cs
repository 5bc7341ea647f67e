using System.Text.RegularExpressions;
using Ledger.Domain.Facts;
using Ledger.Domain.Vocabulary;

namespace Ledger.Domain.Admission;

/// <summary>
/// Field checks that need no other fact (product.md rule 6 and 10.1, 10.13): ids, bounded text, instants,
/// received times and their zones, documents. Each answers the first violation of its field, or null.
/// </summary>
public static partial class Fields
{
    public const int MaxText = 4096;
    public const int MaxName = 512;
    public const int MaxListItems = 1000;
    private static readonly DateTimeOffset Epoch = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    [GeneratedRegex(@"^[0-9a-fA-F]{64}\z")]
    private static partial Regex Sha256();

    [GeneratedRegex(@"^[A-Z]{2}\z")]
    private static partial Regex CountryCode();

    public static Violation? Id(string field, string? value) =>
        FactIds.IsValid(value)
            ? null
            : Violation.Malformed("invalid-id", field, $"'{value}' is not an id: use 1 to 128 of A-Z a-z 0-9 . _ - starting with a letter or digit");

    public static Violation? OrganizationOrEveryone(string field, string? value) =>
        value == FactIds.Everyone ? null : Id(field, value);

    public static Violation? Text(string field, string? value, int max = MaxName) =>
        string.IsNullOrWhiteSpace(value)
            ? Violation.Malformed("missing-text", field, $"{field} must not be empty")
            : value.Length > max || value.Any(char.IsControl)
                ? Violation.Malformed("invalid-text", field, $"{field} must be at most {max} characters, without control characters")
                : null;

    public static Violation? OptionalText(string field, string? value, int max = MaxText) =>
        value is null ? null : Text(field, value, max);

    public static Violation? Texts(string field, IReadOnlyList<string> values, bool nonEmpty = false) =>
        List(field, values, nonEmpty) ?? values.Select((v, i) => Text($"{field}[{i}]", v)).FirstOrDefault(v => v is not null);

    public static Violation? Ids(string field, IReadOnlyList<string> values) =>
        List(field, values, nonEmpty: true)
        ?? values.Select((v, i) => Id($"{field}[{i}]", v)).FirstOrDefault(v => v is not null)
        ?? Distinct(field, values);

    /// <summary>A list of distinct ids that may be empty.</summary>
    public static Violation? OptionalIds(string field, IReadOnlyList<string> values) =>
        List(field, values, nonEmpty: false)
        ?? values.Select((v, i) => Id($"{field}[{i}]", v)).FirstOrDefault(v => v is not null)
        ?? Distinct(field, values);

    public static Violation? PersonClasses(string field, IReadOnlyList<PersonClass> values) =>
        List(field, values, nonEmpty: true)
        ?? (values.Contains(PersonClass.Unknown)
            ? Violation.Malformed("invalid-person-class", field, "a suspension or restoration names us-person or foreign-person, not unknown")
            : Distinct(field, values));

    public static Violation? Scope(string field, DirectiveScope scope) =>
        Ids($"{field}.models", scope.Models) ?? Texts($"{field}.activities", scope.Activities);

    public static Violation? Country(string field, string value) =>
        CountryCode().IsMatch(value) ? null : Violation.Malformed("invalid-country", field, "country is an ISO 3166-1 alpha-2 code, e.g. US");

    public static Violation? Sectors(string field, IReadOnlyList<string> values) =>
        List(field, values, nonEmpty: false)
        ?? values.Select((v, i) => CriticalInfrastructureSector.All.Contains(v)
                ? null
                : Violation.Malformed("invalid-sector", $"{field}[{i}]", $"'{v}' is not one of the 16 CISA critical-infrastructure sectors"))
            .FirstOrDefault(v => v is not null)
        ?? Distinct(field, values);

    /// <summary>Product.md 10.13: every instant lies between 1970-01-01Z and ten years from now.</summary>
    public static Violation? Instant(string field, DateTimeOffset? value, DateTimeOffset now) =>
        value is not { } instant
            ? null
            : instant < Epoch || instant > now.AddYears(10)
                ? Violation.Malformed("instant-out-of-range", field, $"{field} must lie between 1970-01-01T00:00:00Z and ten years from now")
                : null;

    /// <summary>
    /// The received time is evidence of a local wall time: its offset is <c>Z</c> or the zone's offset at that
    /// instant, and it cannot be later than the recording, give or take five minutes of clock skew.
    /// </summary>
    public static Violation? Received(DateTimeOffset receivedAt, string timeZone, DateTimeOffset now)
    {
        if (!TryZone(timeZone, out var zone))
            return Violation.Malformed("invalid-time-zone", "receivedTimeZone", $"'{timeZone}' is not an IANA time zone, e.g. America/New_York");
        if (receivedAt.Offset != TimeSpan.Zero && receivedAt.Offset != zone.GetUtcOffset(receivedAt))
            return Violation.Malformed("received-offset-mismatch", "receivedAt",
                $"receivedAt has offset {Offset(receivedAt.Offset)} but {timeZone} was at {Offset(zone.GetUtcOffset(receivedAt))} then; send Z or the zone's offset");
        if (receivedAt > now + ClockSkew)
            return Violation.Malformed("received-in-future", "receivedAt", "receivedAt cannot be later than the recording");
        return Instant("receivedAt", receivedAt, now);
    }

    private static string Offset(TimeSpan offset) => (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm");

    public static DateTimeOffset InZone(DateTimeOffset instant, string timeZone) =>
        TryZone(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(instant, zone) : instant;

    public static Violation? Documents(string field, IReadOnlyList<SourceDocument> documents) =>
        List(field, documents, nonEmpty: false)
        ?? documents.Select((d, i) => Document($"{field}[{i}]", d)).FirstOrDefault(v => v is not null);

    private static Violation? Document(string field, SourceDocument document) =>
        !Sha256().IsMatch(document.Sha256)
            ? Violation.Malformed("invalid-sha256", $"{field}.sha256", "sha256 is 64 hexadecimal digits")
            : Text($"{field}.title", document.Title)
              ?? (document.Uri is null || Uri.TryCreate(document.Uri, UriKind.Absolute, out _) && document.Uri.Length <= 2048
                  ? null
                  : Violation.Malformed("invalid-uri", $"{field}.uri", "uri must be an absolute URI of at most 2048 characters"));

    private static Violation? List<T>(string field, IReadOnlyList<T> values, bool nonEmpty) =>
        nonEmpty && values.Count == 0
            ? Violation.Malformed("empty-list", field, $"{field} must name at least one item")
            : values.Count > MaxListItems
                ? Violation.Malformed("list-too-long", field, $"{field} may hold at most {MaxListItems} items")
                : null;

    private static Violation? Distinct<T>(string field, IReadOnlyList<T> values) =>
        values.Distinct().Count() == values.Count
            ? null
            : Violation.Malformed("duplicate-item", field, $"{field} names an item twice");

    private static bool TryZone(string timeZone, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(timeZone) || !timeZone.Contains('/') && timeZone != "UTC")
            return false;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
