using System.Globalization;
using System.Text;
using System.Text.Json;
using Budgeting.Api.Features.Ballots;
using Budgeting.Api.Features.Elections;
using Budgeting.Api.Features.Panel;
using Budgeting.Api.Storage;
using Budgeting.Audit;
using Budgeting.Elections;
using Budgeting.Formats.Pabulib;
using Budgeting.Sortition.Lottery;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;
using Budgeting.Tallying.Reports;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Budgeting.Api.Features.Results;

/// <summary>
/// Publishes an election (tally or allocation, anonymised ballots, stage) and reads what was published, including the
/// audit bundle. A project vote's ballots are stored as a Pabulib file, an allocation vote's as a CSV file in
/// <c>budgeting allocate</c>'s input format (both in the <c>ballots_pb</c> column).
/// </summary>
public sealed class ResultsStore(Database database)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Tallies the ballots of the active panelists with the configured rule (an allocation vote: aggregates them with its
    /// allocation rule), stores the results JSON and the anonymised ballots, and moves the election to published, all in one transaction (nothing is written on refusal).
    /// </summary>
    public async Task<PublicationOutcome> PublishAsync(long id, string actor)
    {
        await using var connection = database.Open();
        await using var transaction = connection.BeginTransaction();
        var election = await ElectionStore.FindAsync(connection, transaction, id);
        if (election is null)
        {
            return new PublicationOutcome(null, true, null);
        }

        var stage = ElectionStages.Parse(election.Stage);
        if (stage != ElectionStage.VotingClosed)
        {
            return new PublicationOutcome(null, false, ElectionStages.CheckTransition(stage, ElectionStage.Published)
                ?? $"The election is {stage.ToName()}; only a voting-closed election can be published.");
        }

        var definition = election.Definition;
        var seed = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT seed FROM lotteries WHERE election_id = @id AND round = 0", new { id }, transaction);
        if (seed is null)
        {
            return new PublicationOutcome(null, false, "The panel lottery's seed was never revealed, so the ballots cannot be shuffled verifiably.");
        }

        var contents = await connection.QueryAsync<string>(
            """
            SELECT b.content FROM ballots b
            JOIN panelists p ON p.election_id = b.election_id AND p.person_id = b.person_id
            WHERE b.election_id = @id AND p.status = 'active'
            """,
            new { id }, transaction);
        var requests = contents.Select(c => JsonSerializer.Deserialize<BallotRequest>(c, BallotStore.Json)!).ToList();
        if (definition.IsAllocation() && requests.Count == 0)
        {
            return new PublicationOutcome(null, false, "No panelist has cast an allocation ballot, so there is nothing to aggregate.");
        }

        Computed computed;
        try
        {
            computed = definition.IsAllocation() ? Allocate(definition, requests, seed) : Tally(definition, requests, seed);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or TieException or PabulibFormatException or OverflowException)
        {
            return new PublicationOutcome(null, false, $"The ballots could not be {(definition.IsAllocation() ? "aggregated" : "tallied")}: {e.Message}");
        }

        var (ballotsPb, resultsJson, voters, selected, allocation, projectsPb) = computed;
        await connection.ExecuteAsync(
            "INSERT INTO results (election_id, results_json, ballots_pb, computed_at, projects_pb) VALUES (@id, @resultsJson, @ballotsPb, @Now, @projectsPb)",
            new { id, resultsJson, ballotsPb, Now = ElectionStore.Now(), projectsPb },
            transaction);
        var refusal = await ElectionStore.AdvanceAsync(connection, transaction, id, ElectionStage.Published, actor);
        if (refusal is not null)
        {
            return new PublicationOutcome(null, false, refusal);
        }

        await ElectionStore.RecordAsync(connection, transaction, id, actor, allocation is null
            ? $"published the results: {voters} ballots tallied with {definition.Rule.Name}; funded {(selected.Count == 0 ? "nothing" : string.Join(", ", selected))}"
            : $"published the allocation: {voters} ballots aggregated with {definition.Rule.Name}; {string.Join(", ", allocation.Select(a => $"{a.Key} {a.Value}"))}"
              + (projectsPb is null ? "" : $"; funded in the areas {(selected.Count == 0 ? "nothing" : string.Join(", ", selected))}"));
        transaction.Commit();
        var links = Links(id);
        return new PublicationOutcome(new PublicationView(id, ElectionStage.Published.ToName(), voters, selected, links.Results, links.Page, links.Bundle, allocation), false, null);
    }

    /// <summary>
    /// The report of a published allocation vote, re-computed from its stored anonymised ballots (the same report the
    /// results JSON holds), for the results page and its chart.
    /// </summary>
    /// <exception cref="ArgumentException">The election is not an allocation vote.</exception>
    public static AllocationReport AllocationReportOf(ElectionDefinition definition, PublishedResults results)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(results);
        var settings = AllocationSettingsOf(definition, null);
        var file = AnonymousAllocationBallots.Read(results.BallotsPb, AuditBundle.AllocationBallots, settings);
        return AnonymousAllocationBallots.Tally(file, settings, AuditBundle.AllocationBallots);
    }

    // The allocation rule and vote; for a hierarchical budget also each area's project rule (null for an area without
    // projects), with the election's tie-break and the lottery's seed (for a tie-break by lottery).
    private static AllocationSettings AllocationSettingsOf(ElectionDefinition definition, string? seed) =>
        new(AllocationRules.Create(definition.Rule.Name).Name, definition.ToAllocationElection(),
            definition.IsHierarchical()
                ? (definition.Areas ?? []).Select(a => a.Projects is { Count: > 0 } ? definition.ToRuleOptions(definition.ProjectRuleOf(a)!, seed) : null).ToList()
                : null);

    // A project vote: the anonymised ballots as .pb, tallied exactly as an auditor will read the file.
    private static Computed Tally(ElectionDefinition definition, IReadOnlyList<BallotRequest> requests, string seed)
    {
        var core = definition.ToElection();
        byte[] ballotsPb;
        using (var buffer = new MemoryStream())
        {
            AnonymousBallots.Write(core, requests.Select(ToAnonymous).ToList(), seed, Meta(definition), buffer);
            ballotsPb = buffer.ToArray();
        }

        var file = PabulibReader.Read(new MemoryStream(ballotsPb, writable: false), AuditBundle.Ballots);
        var rule = RuleCatalog.Create(definition.ToRuleOptions(seed));
        var outcome = rule.Tally(file.Election, file.Profile);
        var report = OutcomeReport.Create(file.Election, file.Profile, outcome, AuditBundle.Ballots);
        using var results = new MemoryStream();
        JsonReport.Write(report, results);
        return new Computed(ballotsPb, results.ToArray(), report.VoterCount, report.Funded.Select(p => p.Id).ToList(), null, null);
    }

    // An allocation vote: the anonymised ballots as a CSV in budgeting allocate's input format, aggregated exactly as an
    // auditor will read the file.
    private static Computed Allocate(ElectionDefinition definition, IReadOnlyList<BallotRequest> requests, string seed)
    {
        var settings = AllocationSettingsOf(definition, seed);
        var areas = settings.Election.Areas;
        var ballots = requests.Select((r, i) => new AllocationBallot(
            (i + 1).ToString(CultureInfo.InvariantCulture),
            areas.Select(a => r.Amounts is { } amounts && amounts.TryGetValue(a, out var amount)
                ? amount
                : throw new ArgumentException($"a stored ballot has no amount for area '{a}'.")).ToList())).ToList();
        var csv = AnonymousAllocationBallots.ToBytes(settings.Election, ballots, seed);
        var file = AnonymousAllocationBallots.Read(csv, AuditBundle.AllocationBallots, settings);
        var report = AnonymousAllocationBallots.Tally(file, settings, AuditBundle.AllocationBallots);
        var allocation = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var j = 0; j < areas.Count; j++)
        {
            allocation.Add(areas[j], report.Outcome.Amounts[j]);
        }

        if (!settings.IsHierarchical)
        {
            using var results = new MemoryStream();
            AllocationJson.Write(report, results);
            return new Computed(csv, results.ToArray(), report.Panelists, [], allocation, null);
        }

        // A hierarchical budget: the approvals in the areas as one Pabulib file (projects' category = area; a voter who
        // approves nothing is left out), shuffled on its own stream, then each area's project vote with its amount.
        var approvals = requests
            .Select(r => (r.AreaProjects ?? new Dictionary<string, IReadOnlyList<string>>()).Values.SelectMany(v => v ?? []).ToList())
            .Where(p => p.Count > 0)
            .Select(p => new AnonymousBallot(p, null))
            .ToList();
        byte[] projectsPb;
        using (var buffer = new MemoryStream())
        {
            AnonymousBallots.Write(definition.ToAreaProjectsElection(), approvals, seed + AuditBundle.ProjectBallotsSeedSuffix, Meta(definition), buffer);
            projectsPb = buffer.ToArray();
        }

        var projects = PabulibReader.Read(new MemoryStream(projectsPb, writable: false), AuditBundle.ProjectBallots);
        var rules = settings.ProjectRules!.Select(o => o is null ? null : RuleCatalog.Create(o)).ToList();
        var votes = HierarchicalBudget.Tally(report.Outcome, projects.Election, projects.Profile, rules);
        var funded = votes.Where(v => v.Outcome is not null).SelectMany(v => v.Outcome!.Selected.Select(i => v.Election.Projects[i].Id)).ToList();
        return new Computed(csv, HierarchicalJson.ToBytes(report, votes, AuditBundle.ProjectBallots), report.Panelists, funded, allocation, projectsPb);
    }

    private sealed record Computed(
        byte[] Ballots, byte[] Results, long Voters, IReadOnlyList<string> Selected, IReadOnlyDictionary<string, long>? Allocation, byte[]? ProjectsPb);

    /// <summary>The public links of election <paramref name="id"/>.</summary>
    public static (string Results, string Page, string Bundle) Links(long id) =>
        ($"/api/public/elections/{id}/results", $"/elections/{id}/results", $"/api/public/elections/{id}/audit-bundle");

    /// <summary>The election with its publication time, or null.</summary>
    public async Task<(ElectionView Election, string? PublishedAt)?> FindAsync(long id)
    {
        await using var connection = database.Open();
        var election = await ElectionStore.FindAsync(connection, null, id);
        if (election is null)
        {
            return null;
        }

        var at = await connection.QuerySingleOrDefaultAsync<string>("SELECT computed_at FROM results WHERE election_id = @id", new { id });
        return (election, at);
    }

    /// <summary>The published results, or null when the election is not published.</summary>
    public async Task<PublishedResults?> ResultsAsync(long id)
    {
        await using var connection = database.Open();
        return await ResultsAsync(connection, id);
    }

    /// <summary>The audit bundle of a published election (built from the stored records; the same bytes every time), or null.</summary>
    public async Task<byte[]?> AuditBundleAsync(long id)
    {
        await using var connection = database.Open();
        var election = await ElectionStore.FindAsync(connection, null, id);
        var results = await ResultsAsync(connection, id);
        if (election is null || results is null)
        {
            return null;
        }

        var pool = await connection.QuerySingleAsync<(byte[] People, string PeopleSha256, byte[] Categories, string CategoriesSha256, string Options)>(
            "SELECT people_csv, people_sha256, categories_csv, categories_sha256, options FROM pools WHERE election_id = @id", new { id });
        var options = JsonSerializer.Deserialize<PoolOptions>(pool.Options, Json)!;
        var inputs = new LotteryInputs(pool.PeopleSha256, pool.CategoriesSha256, null, options.IdColumn, options.AddressColumns);
        var people = LotteryDraw.LoadPool(pool.People, options.PeopleFile, pool.Categories, options.CategoriesFile, options.PanelSize, inputs);

        var rows = await connection.QueryAsync<(long Round, byte[] Lottery, string Sha256, string? Dropouts, string? Seed, long? Index)>(
            "SELECT round, lottery_json, lottery_sha256, dropouts, seed, chosen_index FROM lotteries WHERE election_id = @id AND seed IS NOT NULL ORDER BY round",
            new { id });
        var rounds = rows.Select(r => new AuditRound(
            (int)r.Round, r.Lottery, r.Sha256, r.Seed!, (int)(r.Index ?? -1),
            r.Dropouts is null ? [] : JsonSerializer.Deserialize<List<string>>(r.Dropouts, Json)!)).ToList();
        var onSomePanel = rounds.SelectMany(r => LotteryFile.Parse(r.LotteryJson).Panels.SelectMany(p => p.Members))
            .ToHashSet(StringComparer.Ordinal);
        var panel = await connection.QueryAsync<(string Pseudonym, long Round, string Status)>(
            "SELECT pseudonym, round, status FROM panelists WHERE election_id = @id ORDER BY pseudonym", new { id });

        var contents = new AuditBundleContents(
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(election.Definition, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }) + "\n"),
            election.Definition.IsAllocation()
                ? AllocationSettingsOf(election.Definition, rounds.FirstOrDefault(r => r.Round == 0)?.Seed).ToBytes()
                : TallySettings.Write(election.Definition.ToRuleOptions(rounds.FirstOrDefault(r => r.Round == 0)?.Seed)),
            pool.Categories,
            pool.PeopleSha256,
            PanelFeatures.Write(people, onSomePanel),
            rounds,
            panel.Select(p => new AuditPanelist(p.Pseudonym, (int)p.Round, p.Status)).ToList(),
            results.BallotsPb,
            results.ResultsJson,
            election.Definition.IsAllocation() ? AuditBundle.AllocationBallots : AuditBundle.Ballots,
            results.ProjectsPb);
        return AuditBundle.ToBytes(contents);
    }

    private static async Task<PublishedResults?> ResultsAsync(SqliteConnection connection, long id)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Results, byte[] Ballots, string At, byte[]? Projects)?>(
            """
            SELECT r.results_json, r.ballots_pb, r.computed_at, r.projects_pb FROM results r JOIN elections e ON e.id = r.election_id
            WHERE r.election_id = @id AND e.stage = @Published
            """,
            new { id, Published = ElectionStage.Published.ToName() });
        return row is { } r ? new PublishedResults(r.Results, r.Ballots, r.At, r.Projects) : null;
    }

    private static AnonymousBallot ToAnonymous(BallotRequest ballot) =>
        new(ballot.Projects ?? [], ballot.Points?.Select(p => checked((int)p)).ToList());

    private static KeyValuePair<string, string>[] Meta(ElectionDefinition definition) =>
    [
        new("description", definition.Title),
        new("unit", definition.City),
        new("currency", definition.Currency),
    ];
}
