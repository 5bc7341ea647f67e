namespace Ledger.Domain.Vocabulary;

/// <summary>The 16 critical-infrastructure sectors of CISA (PPD-21), in the ledger's kebab-case spelling.</summary>
public static class CriticalInfrastructureSector
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "chemical",
        "commercial-facilities",
        "communications",
        "critical-manufacturing",
        "dams",
        "defense-industrial-base",
        "emergency-services",
        "energy",
        "financial-services",
        "food-and-agriculture",
        "government-facilities",
        "healthcare-and-public-health",
        "information-technology",
        "nuclear-reactors-materials-and-waste",
        "transportation-systems",
        "water-and-wastewater-systems",
    };
}
