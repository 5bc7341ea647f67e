namespace Ledger.Domain.Admission;

/// <summary>
/// Why a proposed fact is refused: the HTTP status it maps to, a stable rule name (the problem <c>type</c>),
/// the offending field as a JSON path, and a sentence for the person who sent it.
/// </summary>
public sealed record Violation(int Status, string Rule, string Field, string Detail)
{
    public static Violation Malformed(string rule, string field, string detail) => new(400, rule, field, detail);
    public static Violation NotFound(string rule, string field, string detail) => new(404, rule, field, detail);
    public static Violation VersionMismatch(string field, string detail) => new(412, "stream-version-mismatch", field, detail);
    public static Violation Duplicate(string field, string detail) => new(409, "duplicate-id", field, detail);
    public static Violation Broken(string rule, string field, string detail) => new(422, rule, field, detail);
}
