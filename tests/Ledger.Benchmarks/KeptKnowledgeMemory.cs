using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Ledger.Domain.Knowledge;

namespace Ledger.Benchmarks;

/// <summary>
/// What the knowledge kept for past reads costs, measured on the GC heap of this process with the service's own
/// code, after a full compacting collection each time: the log folded into a bare <see cref="LedgerKnowledge"/>
/// (the head), the facts in an immutable list (the snapshot's), and the log folded into a <see cref="KnowledgeTrail"/>,
/// which holds all three. What the trail holds beyond the other two is the kept knowledge. The facts themselves,
/// read before, count in none.
/// </summary>
public sealed record KeptKnowledgeMemory(long Facts, long HeadBytes, long KeptBytes, int Kept, int Interval)
{
    public double HeadPerFact => (double)HeadBytes / Facts;

    public double KeptPerFact => (double)KeptBytes / Facts;

    public static KeptKnowledgeMemory Of(IReadOnlyList<RecordedFact> facts)
    {
        var before = Heap();
        var head = LedgerKnowledge.Fold(facts);
        var withHead = Heap();
        var list = ImmutableList.CreateRange(facts);
        var withList = Heap();
        var trail = Trail(facts);
        var withTrail = Heap();
        var (headBytes, listBytes, trailBytes) = (withHead - before, withList - withHead, withTrail - withList);
        GC.KeepAlive(head);
        GC.KeepAlive(list);
        GC.KeepAlive(trail);
        return new KeptKnowledgeMemory(facts.Count, headBytes, trailBytes - headBytes - listBytes, trail.Kept.Count, trail.Interval);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static KnowledgeTrail Trail(IReadOnlyList<RecordedFact> facts) => KnowledgeTrail.Empty.Evolve(facts);

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
