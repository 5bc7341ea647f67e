namespace Ledger.Domain.Tests.Support;

/// <summary>Product.md section 9, recorded through admission as the provider would have recorded it.</summary>
public static class ReferenceScenario
{
    public const string Fable = "fable-5";
    public const string Mythos = "mythos-5";
    public const string Provider = "frontier-ai";
    public const string WaterCoop = "us-water-coop";
    public const string GridDefense = "grid-defense-llc";
    public const string StateCyber = "state-cyber-agency";
    public const string Acme = "acme-analytics";
    public const string Everyone = FactIds.Everyone;

    public const string Directive = "D-2026-06-12-01";
    public const string Easing = "E-2026-06-26-01";
    public const string Rescission = "RSC-2026-07-01-01";
    public const string FableSuspension = "S-2026-06-13-01";
    public const string MythosSuspension = "S-2026-06-13-02";
    public const string ProviderRestoration = "RST-2026-06-26-01";
    public const string WaterCoopVetting = "V-2026-06-26-01";
    public const string WaterCoopRestoration = "RST-2026-06-26-02";

    public static readonly string[] Models = [Fable, Mythos];
    public static readonly string[] Vetted = [WaterCoop, GridDefense, StateCyber];
    public static readonly string[] MatrixRows = [Provider, WaterCoop, GridDefense, StateCyber, Acme, Everyone];

    public static readonly DateTimeOffset DirectiveEffective = Time.At("2026-06-12T21:21Z");
    public static readonly DateTimeOffset DirectiveReceived = Time.At("2026-06-12T17:21-04:00");
    public static readonly DateTimeOffset SuspensionEffective = Time.At("2026-06-13T04:00Z");
    public static readonly DateTimeOffset EasingEffective = Time.At("2026-06-26T16:00Z");
    public static readonly DateTimeOffset ProviderRestored = Time.At("2026-06-26T17:00Z");
    public static readonly DateTimeOffset VettingsEffective = Time.At("2026-06-26T18:00Z");
    public static readonly DateTimeOffset VettedRestored = Time.At("2026-06-26T20:00Z");
    public static readonly DateTimeOffset RescissionEffective = Time.At("2026-07-01T14:00Z");

    public static readonly DateTimeOffset BeforeTheDirective = Time.At("2026-06-12T20:00Z");
    public static readonly DateTimeOffset DuringTheEasing = Time.At("2026-06-27T12:00Z");
    public static readonly DateTimeOffset AfterTheRescission = Time.At("2026-07-01T15:00Z");

    public static TestLedger Recorded()
    {
        var ledger = new TestLedger(Time.At("2026-06-01T09:00Z"));
        ledger.Given(
            Make.Model(Fable),
            Make.Model(Mythos),
            Make.Organization(Provider, addressee: true, "information-technology"),
            Make.Organization(WaterCoop, false, "water-and-wastewater-systems"),
            Make.Organization(GridDefense, false, "energy", "defense-industrial-base"),
            Make.Organization(StateCyber, false, "government-facilities", "emergency-services"),
            Make.Organization(Acme, false, "commercial-facilities"));

        ledger.RecordingAt(Time.At("2026-06-12T21:40Z")).Given(
            Make.Directive(Directive, [Fable, Mythos], ForeignPersons, DirectiveEffective, DirectiveReceived));

        ledger.RecordingAt(Time.At("2026-06-12T23:00Z")).Given(
            Make.Suspension(FableSuspension, Fable, Everyone, SuspensionEffective),
            Make.Suspension(MythosSuspension, Mythos, Everyone, SuspensionEffective));

        ledger.RecordingAt(Time.At("2026-06-26T16:30Z")).Given(
            Make.Easing(Directive, Easing, [Mythos], EasingEffective, listed: true, addressee: true),
            Make.Restoration(ProviderRestoration, Mythos, Provider, Easing, ProviderRestored));

        ledger.RecordingAt(Time.At("2026-06-26T18:10Z")).Given(
            Make.Vetting(WaterCoop, WaterCoopVetting, Easing, VettingsEffective),
            Make.Vetting(GridDefense, "V-2026-06-26-02", Easing, VettingsEffective),
            Make.Vetting(StateCyber, "V-2026-06-26-03", Easing, VettingsEffective));

        ledger.RecordingAt(Time.At("2026-06-26T19:30Z")).Given(
            Make.Restoration(WaterCoopRestoration, Mythos, WaterCoop, Easing, VettedRestored),
            Make.Restoration("RST-2026-06-26-03", Mythos, GridDefense, Easing, VettedRestored),
            Make.Restoration("RST-2026-06-26-04", Mythos, StateCyber, Easing, VettedRestored));

        ledger.RecordingAt(Time.At("2026-07-01T14:05Z")).Given(
            Make.Rescission(Directive, Rescission, null, RescissionEffective),
            Make.Restoration("RST-2026-07-01-01", Fable, Everyone, RescissionEffective),
            Make.Restoration("RST-2026-07-01-02", Mythos, Everyone, RescissionEffective));

        return ledger;
    }
}
