using System.Diagnostics;
using Ledger.Domain.Changes;

namespace Ledger.Domain.Tests.Semantics;

/// <summary>A kind of fact the reach does not know must stop the write, not be taken to change no cell.</summary>
public class when_a_kind_of_fact_has_no_reach
{
    private sealed record Unheard(string FactId) : ILedgerFact
    {
        public string StreamId => FactId;
        public DateTimeOffset? EffectiveAt => null;
        public DateTimeOffset? ReceivedAt => null;
        public IReadOnlySet<string> IdentityFields => new HashSet<string>();
    }

    [Fact]
    public void asking_for_it_fails_loudly()
    {
        Should.Throw<UnreachableException>(() => Reach.Of(LedgerKnowledge.Empty, LedgerKnowledge.Empty, new Unheard("x")));
    }
}
