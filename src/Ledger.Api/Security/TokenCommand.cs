using JasperFx.CommandLine;

namespace Ledger.Api.Security;

public sealed class TokenInput
{
    [Description("Roles to grant, e.g. --role compliance operations: compliance, operations, auditor, regulator, subscriber")]
    [FlagAlias("role", 'r')]
    public List<string> RoleFlag { get; set; } = [];

    [Description("Subject (sub claim): the actor recorded on every event written with the token")]
    [FlagAlias("subject", 's')]
    public string SubjectFlag { get; set; } = Environment.UserName;

    [Description("Lifetime in minutes (default 60)")]
    [FlagAlias("minutes", 'm')]
    public int MinutesFlag { get; set; } = 60;

    [Description("Organisation (org claim): lets a regulator of an addressee read confidential text")]
    [FlagAlias("org", 'o')]
    public string? OrgFlag { get; set; }
}

/// <summary><c>dotnet Ledger.Api.dll token --role compliance --subject alice --minutes 30</c>: prints a bearer token signed by the local key.</summary>
[Description("Mint a short-lived bearer token signed by the local development key", Name = "token")]
public sealed class TokenCommand : JasperFxCommand<TokenInput>
{
    [InjectService]
    public LocalTokens Tokens { get; set; } = null!;

    /// <summary>Where the token goes: standard output, alone on the last line, so <c>| tail -n 1</c> takes it.</summary>
    public TextWriter Output { get; set; } = Console.Out;

    public override bool Execute(TokenInput input)
    {
        var unknown = input.RoleFlag.Except(Roles.All).ToList();
        if (input.RoleFlag.Count == 0 || unknown.Count > 0)
        {
            Console.Error.WriteLine($"token: name one or more roles with --role ({string.Join(", ", Roles.All)}){(unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "")}");
            return false;
        }

        if (!Tokens.Available)
        {
            Console.Error.WriteLine("token: this service trusts an identity provider (Ledger:Auth:Authority or JwksUrl); get tokens there");
            return false;
        }

        try
        {
            Output.WriteLine(Tokens.Mint(input.SubjectFlag, input.RoleFlag, TimeSpan.FromMinutes(input.MinutesFlag), input.OrgFlag));
            return true;
        }
        catch (ArgumentOutOfRangeException e)
        {
            Console.Error.WriteLine($"token: {e.Message}");
            return false;
        }
    }
}
