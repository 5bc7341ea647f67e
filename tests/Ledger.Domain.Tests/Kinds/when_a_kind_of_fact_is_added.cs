using System.Text.RegularExpressions;

namespace Ledger.Domain.Tests.Kinds;

/// <summary>
/// The compiler asks a new kind of fact for its descriptor; these ask that the descriptor is listed, that its stored
/// name is a versioned contract of its own, and that what it declares about its fields names fields it has.
/// </summary>
public sealed partial class when_a_kind_of_fact_is_added
{
    private static readonly IReadOnlyList<Type> FactTypes = typeof(ILedgerFact).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ILedgerFact).IsAssignableFrom(t))
        .ToList();

    [Fact]
    public void every_fact_type_has_its_kind_listed_once()
    {
        FactKinds.All.Select(k => k.Type).ShouldBe(FactTypes, ignoreOrder: true);
        FactKinds.All.Select(k => k.Type).ShouldBeUnique();
    }

    [Fact]
    public void every_stored_name_is_unique_and_versioned()
    {
        FactKinds.All.Select(k => k.StoredName).ShouldBeUnique();
        FactKinds.All.ShouldAllBe(k => StoredName().IsMatch(k.StoredName));
        LedgerEventTypes.Names.Count.ShouldBe(FactKinds.All.Count);
    }

    [Fact]
    public void what_a_kind_declares_about_its_fields_names_fields_it_has()
    {
        foreach (var kind in FactKinds.All)
        {
            var fields = kind.Type.GetProperties().Select(p => JsonNamingPolicy(p.Name)).ToHashSet();
            kind.IdentityFields.ShouldBeSubsetOf(fields, kind.StoredName);
            kind.ConfidentialFields.Select(t => t.Field).ShouldBeSubsetOf(fields, kind.StoredName);
            fields.ShouldContain(kind.IdField, kind.StoredName);
        }
    }

    private static string JsonNamingPolicy(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    [GeneratedRegex(@"^[a-z]+(-[a-z]+)*\.v[1-9][0-9]*$")]
    private static partial Regex StoredName();
}
