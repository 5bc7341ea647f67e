using System.Text.Json;
using Ledger.Domain.Changes;
using Ledger.Domain.Facts;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;

namespace Ledger.Feed.Tests.Changes;

/// <summary>Pure tests of <see cref="AccessChanges"/> over <see cref="FactChange"/>: given facts, when one more is recorded, then these cells change.</summary>
public sealed class when_a_fact_changes_access_timelines
{
    private static readonly DateTimeOffset Recorded = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T0 = new(2026, 6, 12, 21, 21, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddDays(14);
    private static readonly DateTimeOffset T2 = T0.AddDays(16);
    private static readonly DateTimeOffset T3 = T0.AddDays(30);

    private sealed class Ledger
    {
        private readonly List<RecordedFact> _facts = [];

        public LedgerKnowledge Known => LedgerKnowledge.Fold(_facts);

        public Ledger With(params ILedgerFact[] facts)
        {
            foreach (var fact in facts)
                _facts.Add(new RecordedFact(fact, _facts.Count + 1, 1, Recorded, "test"));
            return this;
        }

        /// <summary>Records one more fact and answers the cells it changed.</summary>
        public IReadOnlyList<AccessChange> When(ILedgerFact fact)
        {
            var before = Known;
            var after = With(fact).Known;
            return AccessChanges.Of(before, after, FactChange.Of(before, after, fact));
        }
    }

    private static ModelRegistered Model(string id) => new(id, id);

    private static OrganizationRegistered Organization(string id, bool addressee = false) => new(id, id, "US", true, ["energy"], addressee);

    private static DirectiveIssued Directive(DateTimeOffset at) =>
        new("D", "ref", "BIS", ["15 CFR 744.22"], DirectiveKind.Letter, "email", null, false,
            new DirectiveScope(["m"], PersonScope.ForeignPersons, []), at, at, "UTC", [], [], null);

    private static EasingGranted Easing(DateTimeOffset at) => new("D", "E", ["m"], true, true, [], at, at, "UTC", []);

    private static AccessSuspended Suspension(string id, DateTimeOffset at, string organization = "*") =>
        new(id, "m", organization, [PersonClass.UsPerson, PersonClass.ForeignPerson], at, "test");

    private static AccessRestored Restoration(string id, DateTimeOffset at, string organization) =>
        new(id, "m", organization, [PersonClass.UsPerson, PersonClass.ForeignPerson], null, at);

    private static AccessChange Cell(IReadOnlyList<AccessChange> changes, string organization, PersonClass personClass) =>
        changes.Single(c => c.OrganizationId == organization && c.PersonClass == personClass);

    [Fact]
    public void a_vetting_that_expires_announces_both_switches()
    {
        var ledger = new Ledger().With(Model("m"), Organization("o"), Directive(T0), Easing(T1));

        var changes = ledger.When(new OrganizationVetted("o", "V", "E", VettingOutcome.Approved, "x", [], T1, T3));

        changes.Select(c => (c.OrganizationId, c.PersonClass)).ShouldBe([("o", PersonClass.ForeignPerson)]);
        var foreign = Cell(changes, "o", PersonClass.ForeignPerson);
        foreign.ChangedFrom.ShouldBe(T1);
        (foreign.Before!.Legal, foreign.Before.Access).ShouldBe((LegalState.Restricted, Access.Denied));
        (foreign.After.Legal, foreign.After.Access).ShouldBe((LegalState.Eased, Access.Allowed));
        foreign.AccessChanged.ShouldBeTrue();
        foreign.Schedule.ShouldBe([new ScheduledState(T1, LegalState.Eased, ProviderState.Enabled, Access.Allowed),
            new ScheduledState(T3, LegalState.Restricted, ProviderState.Enabled, Access.Denied)]);
    }

    [Fact]
    public void a_us_person_cell_whose_timeline_is_unchanged_does_not_change()
    {
        var ledger = new Ledger().With(Model("m"), Organization("o"), Easing(T1));

        var changes = ledger.When(Directive(T0));

        changes.ShouldAllBe(c => c.PersonClass == PersonClass.ForeignPerson);
        changes.Select(c => c.OrganizationId).ShouldBe(["o", "*"]);
        changes.ShouldAllBe(c => c.ChangedFrom == T0 && c.After.Legal == LegalState.Restricted);
    }

    [Fact]
    public void a_backdated_suspension_already_overridden_shows_its_whole_schedule()
    {
        var ledger = new Ledger().With(Model("m"), Organization("o"), Restoration("R", T2, "o"));

        var changes = ledger.When(Suspension("S", T0));

        var named = Cell(changes, "o", PersonClass.UsPerson);
        named.ChangedFrom.ShouldBe(T0);
        named.Schedule.Select(s => (s.From, s.Provider)).ShouldBe([(T0, ProviderState.Suspended), (T2, ProviderState.Enabled)]);
        var everyone = Cell(changes, "*", PersonClass.UsPerson);
        everyone.Schedule.Select(s => (s.From, s.Provider)).ShouldBe([(T0, ProviderState.Suspended)]);
    }

    [Fact]
    public void a_correction_that_moves_an_effective_time_reschedules_the_switch()
    {
        var ledger = new Ledger().With(Model("m"), Organization("o"), Suspension("S", T1));

        var changes = ledger.When(new CorrectionRecorded("C", "S", "access:m", "effectiveAt",
            JsonSerializer.SerializeToElement("2026-07-12T21:21:00Z"), "typo"));

        var cell = Cell(changes, "o", PersonClass.UsPerson);
        cell.ChangedFrom.ShouldBe(T1);
        cell.Before!.Provider.ShouldBe(ProviderState.Suspended);
        cell.After.Provider.ShouldBe(ProviderState.Enabled);
        cell.Schedule.Select(s => (s.From, s.Provider)).ShouldBe([(T1, ProviderState.Enabled), (T3, ProviderState.Suspended)]);
    }

    [Fact]
    public void a_new_organisation_changes_only_where_it_differs_from_the_star_row_it_was_answered_from()
    {
        var ledger = new Ledger().With(Model("m"), Directive(T0), Easing(T1), Suspension("S", T0));

        ledger.When(Organization("plain")).ShouldBeEmpty();

        var addressee = ledger.When(Organization("provider", addressee: true));
        var cell = addressee.ShouldHaveSingleItem();
        (cell.OrganizationId, cell.PersonClass, cell.ChangedFrom).ShouldBe(("provider", PersonClass.ForeignPerson, T1));
        (cell.Before!.Legal, cell.After.Legal).ShouldBe((LegalState.Restricted, LegalState.Eased));
        cell.AccessChanged.ShouldBeFalse();
    }

    [Fact]
    public void a_new_model_brings_every_cell_with_no_before()
    {
        var ledger = new Ledger().With(Organization("o"));

        var changes = ledger.When(Model("m"));

        changes.Count.ShouldBe(4);
        changes.ShouldAllBe(c => c.Before == null && c.ChangedFrom == AccessChanges.Epoch && c.After.Access == Access.Allowed);
    }
}
