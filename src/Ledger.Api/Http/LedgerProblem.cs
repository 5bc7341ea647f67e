namespace Ledger.Api.Http;

/// <summary>
/// The shape of every refusal, as the OpenAPI document names it: an RFC 9457 problem whose <c>type</c> ends with the
/// ledger's rule, with that rule and the offending member or parameter as members of their own (<see cref="Problems"/>).
/// </summary>
/// <param name="Type">https://directive-ledger.dev/problems/{rule}</param>
/// <param name="Title">the kind of refusal, by status</param>
/// <param name="Status">the HTTP status</param>
/// <param name="Detail">what is wrong, in words; never a .NET type or member</param>
/// <param name="Rule">the ledger's rule, e.g. <c>position-beyond-head</c></param>
/// <param name="Field">the body member or query parameter at fault, e.g. <c>position</c> or <c>vettings[3].organizationId</c></param>
internal sealed record LedgerProblem(string Type, string Title, int Status, string? Detail, string Rule, string? Field);
