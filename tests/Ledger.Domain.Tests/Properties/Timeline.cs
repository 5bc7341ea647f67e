using FsCheck;
using FsCheck.Fluent;

namespace Ledger.Domain.Tests.Properties;

/// <summary>
/// A random history over about sixty days: abstract steps that name earlier facts by index, so that any list of
/// steps (and any shorter list, when FsCheck shrinks) can be replayed. Times fall on six-hour slots, so facts
/// often share an effective time and ties are decided by position.
/// </summary>
public sealed record Timeline(IReadOnlyList<Timeline.Step> Steps, IReadOnlyList<DateTimeOffset> Probes)
{
    public abstract record Step;

    public sealed record Issue(int Models, bool AllPersons, int Slot) : Step;

    public sealed record Amend(int Directive, int Models, bool AllPersons, int Delay) : Step;

    /// <summary>When <paramref name="Narrow"/>, the models are cut down to the directive's scope, so that most easings are admitted.</summary>
    public sealed record Ease(int Directive, int Models, bool Narrow, bool Listed, bool Addressee, int Delay) : Step;

    public sealed record Rescind(int Directive, int Models, int Delay) : Step;

    public sealed record Vet(int Organization, int Easing, bool Approved, int ExpiresAfter, int Delay) : Step;

    public sealed record Revoke(int Vetting, int Delay) : Step;

    public sealed record Suspend(int Model, int Organization, int Classes, int Slot) : Step;

    public sealed record Restore(int Model, int Organization, int Classes, int Easing, int Slot) : Step;

    /// <summary>A restoration for the organisation a vetting names, of a model its easing releases, a little after the vetting.</summary>
    public sealed record RestoreVetted(int Vetting, int Model, int Classes, int Delay) : Step;

    /// <summary>A suspension or restoration of the same model at the same effective time as an earlier act: ties go by position.</summary>
    public sealed record Echo(int Act, bool Suspend, int Organization, int Classes) : Step;

    /// <summary>A decision on the same organisation and easing at the same effective time as an earlier vetting.</summary>
    public sealed record VetAgain(int Vetting, bool Approved) : Step;

    /// <summary>A scope version of the same directive at the same effective time as an earlier amendment.</summary>
    public sealed record AmendAgain(int Amendment, int Models, bool AllPersons) : Step;

    public sealed record Correct(int Target, int Field, bool Flag, int Mask, int Slot) : Step;

    public const int Slots = 240;
    public static readonly DateTimeOffset Start = Time.At("2026-06-01T00:00Z");
    public static readonly string[] Models = ["fable-5", "mythos-5", "saga-6"];
    public static readonly string[] Organizations = ["frontier-ai", "us-water-coop", "grid-defense-llc", "acme-analytics"];
    public static readonly string[] Rows = [.. Organizations, FactIds.Everyone];

    public static DateTimeOffset AtSlot(int slot) => Start.AddHours(6 * slot);

    public override string ToString() =>
        string.Join(Environment.NewLine, Steps.Select((s, i) => $"{i}: {s}").Prepend($"probes: {string.Join(", ", Probes.Select(p => p.ToString("O")))}"));

    public IEnumerable<Timeline> Shrink() =>
        Enumerable.Range(0, Steps.Count).Reverse().Select(i => this with { Steps = Steps.Where((_, j) => j != i).ToList() });

    private static readonly Gen<int> Slot = Gen.Choose(0, Slots - 1);
    private static readonly Gen<int> Index = Gen.Choose(0, 99);
    private static readonly Gen<int> Mask = Gen.Choose(1, 7);
    private static readonly Gen<int> ClassMask = Gen.Choose(1, 3);
    private static readonly Gen<int> Row = Gen.Choose(0, 4);
    private static readonly Gen<bool> Coin = Gen.Elements(true, false);

    private static readonly Gen<Step> AnyStep = Gen.Frequency(
        (3, from models in Mask from all in Coin from slot in Gen.Choose(0, Slots / 2) select (Step)new Issue(models, all, slot)),
        (1, from d in Index from models in Mask from all in Coin from delay in Gen.Choose(-2, 100) select (Step)new Amend(d, models, all, delay)),
        (4, from d in Index from models in Mask from narrow in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            from listed in Coin from addressee in Coin from delay in Gen.Choose(-2, 80)
            select (Step)new Ease(d, models, narrow, listed, addressee, delay)),
        (2, from d in Index from models in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(1, 7))) from delay in Gen.Choose(0, 120)
            select (Step)new Rescind(d, models, delay)),
        (5, from o in Gen.Choose(0, 3) from e in Index from approved in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from expires in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(-2, 40))) from delay in Gen.Choose(-6, 60)
            select (Step)new Vet(o, e, approved, expires, delay)),
        (2, from v in Index from delay in Gen.Choose(-2, 40) select (Step)new Revoke(v, delay)),
        (3, from m in Gen.Choose(0, 2) from o in Row from c in ClassMask from slot in Slot select (Step)new Suspend(m, o, c, slot)),
        (3, from m in Gen.Choose(0, 2) from o in Row from c in ClassMask from e in Index from slot in Slot
            select (Step)new Restore(m, o, c, e, slot)),
        (3, from v in Index from m in Index from c in ClassMask from delay in Gen.Choose(0, 20) select (Step)new RestoreVetted(v, m, c, delay)),
        (1, from v in Index from approved in Coin select (Step)new VetAgain(v, approved)),
        (1, from a in Index from models in Mask from all in Coin select (Step)new AmendAgain(a, models, all)),
        (2, from a in Index from suspend in Coin from o in Row from c in ClassMask select (Step)new Echo(a, suspend, o, c)),
        (3, from t in Index from f in Gen.Choose(0, 3) from flag in Coin from mask in Gen.Choose(0, 7) from slot in Slot
            select (Step)new Correct(t, f, flag, mask, slot)));

    private static readonly Gen<DateTimeOffset> Probe =
        from slot in Gen.Choose(-1, Slots + 1)
        from shift in Gen.Elements(0L, -1L, TimeSpan.TicksPerHour)
        select AtSlot(slot).AddTicks(shift);

    public static readonly Gen<Timeline> Any =
        from count in Gen.Choose(4, 36)
        from steps in AnyStep.ListOf(count)
        from probes in Probe.ListOf(8)
        select new Timeline(steps.ToList(), probes.ToList());

    public static Arbitrary<Timeline> Arbitrary() => Arb.From(Any, t => t.Shrink());
}

/// <summary>Registers <see cref="Timeline"/> with FsCheck for <c>[Property(Arbitrary = ...)]</c>.</summary>
public static class Timelines
{
    public static Arbitrary<Timeline> Timeline() => Properties.Timeline.Arbitrary();

    public static Arbitrary<Timeline.Suspend> Suspension() =>
        Arb.From(
            from m in Gen.Choose(0, 2) from o in Gen.Choose(0, 4) from c in Gen.Choose(1, 3) from slot in Gen.Choose(-1, Properties.Timeline.Slots)
            select new Timeline.Suspend(m, o, c, slot));
}
