using Ledger.Domain.Admission;

namespace Ledger.Api.Ledger;

public abstract record WriteOutcome
{
    private WriteOutcome() { }

    /// <summary>Every fact of the write recorded: one receipt per fact, in the order proposed.</summary>
    public sealed record Written(IReadOnlyList<WriteReceipt> Receipts) : WriteOutcome;

    /// <summary>The same key and body were written before: the first answer again, nothing appended.</summary>
    public sealed record Replayed(IReadOnlyList<WriteReceipt> Receipts) : WriteOutcome;

    /// <summary>Nothing recorded: <paramref name="Fact"/> is the index of the proposed fact that was refused.</summary>
    public sealed record Refused(Violation Violation, int Fact = 0) : WriteOutcome;
}
