using System.Runtime.CompilerServices;
using Ledger.Domain.Knowledge;

namespace Ledger.Benchmarks;

/// <summary>
/// What the knowledge kept for past reads costs, measured on the GC heap of this process with the service's own
/// code: the log folded into a <see cref="KnowledgeTrail"/>, then the same with only its head and facts held. The
/// difference is the kept knowledge; the facts themselves, read before, count in neither.
/// </summary>
public sealed record KeptKnowledgeMemory(long Facts, long HeadBytes, long KeptBytes, int Kept, int Interval)
{
    public double HeadPerFact => (double)HeadBytes / Facts;

    public double KeptPerFact => (double)KeptBytes / Facts;

    public static KeptKnowledgeMemory Of(IReadOnlyList<RecordedFact> facts)
    {
        var before = Heap();
        KnowledgeTrail? trail = Fold(facts);
        var withKept = Heap();
        var (head, list, kept, interval) = (trail.Head, trail.Facts, trail.Kept.Count, trail.Interval);
        trail = null;
        var headOnly = Heap();
        GC.KeepAlive(head);
        GC.KeepAlive(list);
        return new KeptKnowledgeMemory(facts.Count, headOnly - before, withKept - headOnly, kept, interval);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static KnowledgeTrail Fold(IReadOnlyList<RecordedFact> facts) => KnowledgeTrail.Empty.Evolve(facts);

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
