using Ledger.Domain.Admission;

namespace Ledger.Api.Ledger;

public abstract record WriteOutcome
{
    private WriteOutcome() { }

    public sealed record Written(WriteReceipt Receipt) : WriteOutcome;

    /// <summary>The same key and body were written before: the first answer again, nothing appended.</summary>
    public sealed record Replayed(WriteReceipt Receipt) : WriteOutcome;

    public sealed record Refused(Violation Violation) : WriteOutcome;
}
