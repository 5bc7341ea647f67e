namespace Ledger.Api.Ledger;

/// <summary>
/// What a recording step throws to refuse a write with an answer of its own (a status and a rule), rather than fail
/// it: the writer refuses that write with this problem, so a feature can close the ledger for writes (integrity,
/// 503) without the core knowing the feature.
/// </summary>
public abstract class WriteRefusal(int status, string rule, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Rule { get; } = rule;
}
