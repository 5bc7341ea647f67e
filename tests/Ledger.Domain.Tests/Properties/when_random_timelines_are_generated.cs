using FsCheck.Fluent;

namespace Ledger.Domain.Tests.Properties;

/// <summary>The properties are only as good as the histories they see: this checks the generator reaches every rule.</summary>
public class when_random_timelines_are_generated
{
    private readonly List<Replayed> replays = Timeline.Any.Sample(150).Select(Replayed.Of).ToList();

    private int Admitted<T>(Func<T, bool>? where = null) where T : ILedgerFact =>
        replays.Sum(r => r.Ledger.Recorded.Count(f => f.Fact is T fact && (where is null || where(fact))));

    [Fact]
    public void they_admit_every_kind_of_fact()
    {
        Admitted<DirectiveIssued>().ShouldBeGreaterThan(100);
        Admitted<DirectiveAmended>().ShouldBeGreaterThan(10);
        Admitted<EasingGranted>().ShouldBeGreaterThan(50);
        Admitted<DirectiveRescinded>(r => r.Models is null).ShouldBeGreaterThan(10);
        Admitted<DirectiveRescinded>(r => r.Models is not null).ShouldBeGreaterThan(3);
        Admitted<OrganizationVetted>(v => v.ExpiresAt is not null).ShouldBeGreaterThan(10);
        Admitted<OrganizationVetted>(v => v.Outcome == VettingOutcome.Rejected).ShouldBeGreaterThan(10);
        Admitted<VettingRevoked>().ShouldBeGreaterThan(3);
        Admitted<AccessSuspended>(s => s.OrganizationId == FactIds.Everyone).ShouldBeGreaterThan(20);
        Admitted<AccessRestored>(r => r.OrganizationId == FactIds.Everyone).ShouldBeGreaterThan(5);
        Admitted<AccessRestored>(r => r.OrganizationId != FactIds.Everyone && r.EasingId is not null).ShouldBeGreaterThan(5);
        Admitted<CorrectionRecorded>().ShouldBeGreaterThan(50);
        Admitted<CorrectionRecorded>(c => c.Field == "organizationId").ShouldBeGreaterThan(5);
    }

    [Fact]
    public void they_reach_eased_cells()
    {
        var eased = replays.Count(r => Timeline.Models.Any(m => Timeline.Organizations.Any(o =>
            Enumerable.Range(0, Timeline.Slots / 4).Any(s =>
                AccessSemantics.Legal(r.Ledger.Known, m, o, PersonClass.ForeignPerson, Timeline.AtSlot(s * 4)) == LegalState.Eased))));

        eased.ShouldBeGreaterThan(10);
    }
}
