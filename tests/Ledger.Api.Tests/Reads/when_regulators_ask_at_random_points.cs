using Ledger.Api.Access.Intervals;
using Ledger.Api.Ledger;
using Ledger.Domain.Access;
using Ledger.Domain.Facts;
using Ledger.Domain.Json;
using Ledger.Domain.Knowledge;
using Ledger.Domain.Vocabulary;
using Npgsql;

namespace Ledger.Api.Tests.Reads;

/// <summary>
/// Issue 3's property: for random timelines recorded through the API (directives, amendments, easings, vettings,
/// expiries, revocations, suspensions, restorations, rescissions, backdated and corrected facts) and random
/// (asOf, position), the matrix the service serves from its temporal read model equals the domain's fold of the
/// facts recorded up to that position, evaluated at asOf. The fold is built here from what the test sent and the
/// receipts it got back, not from anything the service stores.
/// </summary>
public class when_regulators_ask_at_random_points(AppFixture app) : IntegrationContext(app)
{
    private static readonly DateTimeOffset Window = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Models = ["m-a", "m-b"];
    private static readonly string[] Organizations = ["o-a", "o-b", "o-c"];

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(47)]
    [InlineData(61)]
    [InlineData(89)]
    public async Task the_served_matrix_equals_the_fold_of_what_was_recorded_by_then(int seed)
    {
        var random = new Random(seed);
        var recorded = new List<RecordedFact>();
        var prefix = $"s{seed}-";
        foreach (var fact in Setup(prefix))
            await Record(fact, recorded);
        for (var i = 0; i < 60; i++)
        {
            var known = LedgerKnowledge.Fold(recorded);
            if (Propose(random, known, prefix, i) is { } fact)
                await Record(fact, recorded);
        }

        await ServedMatrixIsTheFold(random, recorded, prefix);
    }

    /// <summary>
    /// Writes that arrive together are committed together, and the read model is then brought forward once for the
    /// whole group: a row a fact of the group opens may be closed by a later fact of the same group.
    /// </summary>
    [Theory]
    [InlineData(5)]
    [InlineData(29)]
    [InlineData(73)]
    public async Task the_same_holds_when_writes_arrive_together(int seed)
    {
        var random = new Random(seed);
        var recorded = new List<RecordedFact>();
        var prefix = $"g{seed}-";
        foreach (var fact in Setup(prefix))
            await Record(fact, recorded);
        for (var round = 0; round < 10; round++)
        {
            var known = LedgerKnowledge.Fold(recorded);
            var proposed = Enumerable.Range(round * 8, 8).Select(i => Propose(random, known, prefix, i)).OfType<ILedgerFact>().ToList();
            var written = await Task.WhenAll(proposed.Select(fact => Send(fact, recorded)));
            recorded.AddRange(written.OfType<RecordedFact>());
            recorded.Sort((a, b) => a.Position.CompareTo(b.Position));
        }

        await ServedMatrixIsTheFold(random, recorded, prefix);
    }

    /// <summary>
    /// Issue 7: a rebuild from nothing (a new deployment's start, or a replay) writes exactly the rows the service
    /// kept write by write, closed rows included, so what a regulator was told at any position stays what it was.
    /// The table holds every history this class recorded, one fact at a time and in groups.
    /// </summary>
    [Theory]
    [InlineData(17)]
    [InlineData(53)]
    public async Task a_rebuild_from_nothing_writes_the_rows_kept_write_by_write(int seed)
    {
        var random = new Random(seed);
        var recorded = new List<RecordedFact>();
        var prefix = $"r{seed}-";
        foreach (var fact in Setup(prefix))
            await Record(fact, recorded);
        for (var round = 0; round < 8; round++)
        {
            var known = LedgerKnowledge.Fold(recorded);
            var proposed = Enumerable.Range(round * 8, 8).Select(i => Propose(random, known, prefix, i)).OfType<ILedgerFact>().ToList();
            if (round % 2 == 1)
            {
                foreach (var fact in proposed)
                    await Record(fact, recorded);
                continue;
            }

            var written = await Task.WhenAll(proposed.Select(fact => Send(fact, recorded)));
            recorded.AddRange(written.OfType<RecordedFact>());
            recorded.Sort((a, b) => a.Position.CompareTo(b.Position));
        }

        // Once as a start-up rebuilds, and once storing every live row as soon as it ends before the latest effective
        // time: backdated facts then close rows the COPY already stored, which are closed in the table at the end.
        // Then in two catch-ups, the second from the middle of the log: it starts from the live rows in the table.
        var eagerly = new AccessIntervalProjection.Settling(TimeSpan.Zero, 1);
        await RebuildEqualsKept("rebuilt", AccessIntervalProjection.Settling.Default);
        await RebuildEqualsKept("rebuilt_eagerly", eagerly);
        await RebuildEqualsKept("rebuilt_in_two", eagerly, resumeAt: recorded[recorded.Count / 2].Position);
    }

    private static async Task RebuildEqualsKept(string suffix, AccessIntervalProjection.Settling settling, long? resumeAt = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(TestRoles.Owner);
        var kept = new AccessIntervalSchema(dataSource, new LedgerSchema(LedgerDatabase.Schema));
        var rebuilt = new AccessIntervalSchema(dataSource, new LedgerSchema($"{LedgerDatabase.Schema}_{suffix}"));
        await using (var drop = dataSource.CreateCommand($"drop schema if exists {LedgerDatabase.Schema}_{suffix} cascade"))
            await drop.ExecuteNonQueryAsync();
        await rebuilt.Ensure(CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync();
        async Task CatchUp(long done, long? upTo)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var facts = await new LedgerLog(dataSource, new LedgerSchema(LedgerDatabase.Schema)).FactsAfter(0, connection, transaction, CancellationToken.None);
            var upToThere = upTo is { } last ? facts.Where(f => f.Position <= last).ToList() : facts;
            await new AccessIntervalProjection(rebuilt).CatchUp(upToThere, done, connection, transaction, null, CancellationToken.None, settling);
            await transaction.CommitAsync();
        }

        if (resumeAt is { } middle)
            await CatchUp(0, middle);
        await CatchUp(resumeAt ?? 0, null);

        var (rows, closed, onlyKept, onlyRebuilt) = await IntervalRows.Compare(dataSource, kept.Table, rebuilt.Table);
        closed.ShouldBeGreaterThan(0, "the history should have closed rows, or the comparison proves little");
        (onlyKept, onlyRebuilt).ShouldBe((0L, 0L), $"of {rows} rows kept write by write, rebuilt into {suffix}");
    }

    private async Task ServedMatrixIsTheFold(Random random, List<RecordedFact> recorded, string prefix)
    {
        for (var query = 0; query < 40; query++)
        {
            var position = recorded[random.Next(recorded.Count)].Position;
            var asOf = Window.AddHours(random.Next(-24, 24 * 70));
            var served = await Host.Matrix($"asOf={Instants.Rfc3339(asOf)}&position={position}");
            var expected = AccessMatrix.Evaluate(LedgerKnowledge.Fold(recorded.Where(f => f.Position <= position)), asOf)
                .Where(c => Ours(c.ModelId, c.OrganizationId, prefix))
                .Select(c => $"{c.ModelId} {c.OrganizationId} {Wire.Name(c.PersonClass)}: {Name(c.Legal)} {Name(c.Provider)} {Name(c.Access)} since {Since(c.Since)}")
                .ToList();
            var actual = served.Cells
                .Where(c => Ours(c.ModelId, c.OrganizationId, prefix))
                .Select(c => $"{c.Line} since {Since(c.Since)}")
                .ToList();
            actual.ShouldBe(expected, $"asOf {Instants.Rfc3339(asOf)} at position {position}");
        }
    }

    private async Task Record(ILedgerFact fact, List<RecordedFact> recorded)
    {
        if (await Send(fact, recorded) is { } written)
            recorded.Add(written);
    }

    /// <summary>Records a fact through the API; null when the ledger refuses it (a proposal may break a rule).</summary>
    private async Task<RecordedFact?> Send(ILedgerFact fact, IReadOnlyList<RecordedFact> recorded)
    {
        var (path, body) = Request(fact);
        var reply = await Host.Post(path, body);
        if (reply.Status != 201)
            return null;
        var receipt = reply.As<Receipt>();
        var stored = fact is CorrectionRecorded c ? c with { StreamId = recorded.Single(f => f.Fact.FactId == c.EventId).Fact.StreamId } : fact;
        return new RecordedFact(stored, receipt.Position, receipt.StreamVersion, receipt.RecordedAt, null);
    }

    private static IEnumerable<ILedgerFact> Setup(string prefix) =>
        Models.Select(m => (ILedgerFact)new ModelRegistered(prefix + m, m))
            .Concat(Organizations.Select((o, i) => new OrganizationRegistered(prefix + o, o, "US", true, [], IsAddressee: i == 0)));

    private static ILedgerFact? Propose(Random random, LedgerKnowledge known, string prefix, int i)
    {
        var id = $"{prefix}f{i}";
        var at = Window.AddHours(random.Next(0, 24 * 60));
        var model = prefix + Models[random.Next(Models.Length)];
        var organization = prefix + Organizations[random.Next(Organizations.Length)];
        var classes = random.Next(3) switch
        {
            0 => new[] { PersonClass.UsPerson },
            1 => [PersonClass.ForeignPerson],
            _ => [PersonClass.UsPerson, PersonClass.ForeignPerson],
        };
        var directives = known.Directives.ToList();
        var easings = known.EasingDirective.Keys.Where(e => e.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var vettings = known.Vettings.Values.SelectMany(v => v).ToList();
        return random.Next(14) switch
        {
            0 or 1 => new DirectiveIssued(id, "ref", "BIS", ["15 CFR 744.22"], DirectiveKind.Letter, "email", null, false,
                new DirectiveScope(Models.Select(m => prefix + m).Where(_ => random.Next(2) == 0).DefaultIfEmpty(model).ToList(),
                    random.Next(3) == 0 ? PersonScope.AllPersons : PersonScope.ForeignPersons, []),
                at, at, "UTC", [], [], null),
            2 or 3 when directives.Count > 0 => Easing(known, directives[random.Next(directives.Count)], id, at, random),
            4 or 5 or 6 when easings.Count > 0 => new OrganizationVetted(organization, id, easings[random.Next(easings.Count)],
                random.Next(5) == 0 ? VettingOutcome.Rejected : VettingOutcome.Approved, "compliance", [], at,
                random.Next(3) == 0 ? at.AddDays(random.Next(1, 20)) : null),
            7 when vettings.Count > 0 => Revocation(known, vettings[random.Next(vettings.Count)], at),
            8 when directives.Count > 0 => Rescission(known, directives[random.Next(directives.Count)], id, at, random),
            9 when directives.Count > 0 => new DirectiveAmended(directives[random.Next(directives.Count)], id,
                new DirectiveScope(Models.Select(m => prefix + m).Where(_ => random.Next(2) == 0).DefaultIfEmpty(model).ToList(), PersonScope.ForeignPersons, []),
                at, at, "UTC", []),
            10 when vettings.Count > 0 => new CorrectionRecorded(id, vettings[random.Next(vettings.Count)], "", "effectiveAt",
                JsonSerializer.SerializeToElement(at.AddDays(-random.Next(0, 5)), LedgerJson.Options), "backdated correction"),
            11 => new AccessSuspended(id, model, random.Next(4) == 0 ? FactIds.Everyone : organization, classes, at.AddDays(-random.Next(0, 3)), "ops"),
            _ => new AccessRestored(id, model, random.Next(4) == 0 ? FactIds.Everyone : organization, classes, null, at),
        };
    }

    private static EasingGranted Easing(LedgerKnowledge known, string directiveId, string id, DateTimeOffset at, Random random)
    {
        var directive = known.Find<DirectiveIssued>(directiveId)!;
        return new EasingGranted(directiveId, id, directive.Scope.Models.Take(random.Next(1, directive.Scope.Models.Count + 1)).ToList(),
            true, random.Next(2) == 0, [], at, at, "UTC", []);
    }

    private static VettingRevoked Revocation(LedgerKnowledge known, string vettingId, DateTimeOffset at)
    {
        var vetting = known.Find<OrganizationVetted>(vettingId)!;
        return new VettingRevoked(vetting.OrganizationId, vettingId, at < vetting.EffectiveAt ? vetting.EffectiveAt : at, "review");
    }

    private static DirectiveRescinded Rescission(LedgerKnowledge known, string directiveId, string id, DateTimeOffset at, Random random) =>
        new(directiveId, id, random.Next(2) == 0 ? null : [known.Find<DirectiveIssued>(directiveId)!.Scope.Models[0]], at, at, "UTC", []);

    /// <summary>The API request that records a fact: its JSON in the ledger's dialect, less what the path carries.</summary>
    private static (string Path, JsonNode Body) Request(ILedgerFact fact)
    {
        var json = JsonSerializer.SerializeToNode(fact, fact.GetType(), LedgerJson.Options)!.AsObject();
        string Take(string member)
        {
            var value = json[member]!.GetValue<string>();
            json.Remove(member);
            return value;
        }

        return fact switch
        {
            ModelRegistered => ("/api/models", json),
            OrganizationRegistered => ("/api/organizations", json),
            DirectiveIssued => ("/api/directives", json),
            DirectiveAmended => ($"/api/directives/{Take("directiveId")}/amendments", json),
            EasingGranted => ($"/api/directives/{Take("directiveId")}/easings", json),
            DirectiveRescinded => ($"/api/directives/{Take("directiveId")}/rescissions", json),
            OrganizationVetted => ($"/api/organizations/{Take("organizationId")}/vettings", json),
            VettingRevoked => ($"/api/organizations/{Take("organizationId")}/vettings/{Take("vettingId")}/revocations", json),
            AccessSuspended => ("/api/access/suspensions", json),
            AccessRestored => ("/api/access/restorations", json),
            CorrectionRecorded => ("/api/corrections", Without(json, "streamId")),
            _ => throw new ArgumentOutOfRangeException(nameof(fact)),
        };
    }

    private static JsonObject Without(JsonObject json, string member)
    {
        json.Remove(member);
        return json;
    }

    /// <summary>The seeds share one ledger; each compares only the cells of its own models and organisations.</summary>
    private static bool Ours(string model, string organization, string prefix) =>
        model.StartsWith(prefix, StringComparison.Ordinal) && (organization == FactIds.Everyone || organization.StartsWith(prefix, StringComparison.Ordinal));

    private static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static string Since(DateTimeOffset? since) => since is { } at ? Instants.Rfc3339(at) : "always";
}
