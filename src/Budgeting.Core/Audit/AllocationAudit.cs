using System.Globalization;
using System.Text.Json;
using Budgeting.Formats.Allocation;
using Budgeting.Formats.Pabulib;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Audit;

/// <summary>
/// The audit bundle verifier's checks of an allocation vote: <c>ballots.csv</c> against <c>rule.json</c> (an
/// <see cref="AllocationSettings"/>) and <c>election.json</c>, the ballots' order for the seed, and the re-run
/// aggregation against <c>results.json</c>, byte for byte. For a hierarchical budget (<c>rule.json</c> has
/// <c>projectRules</c>) also <c>projects.pb</c>: its order for the seed, its projects against <c>election.json</c>'s
/// areas, and the re-run of both stages (the aggregation, then each area's project vote with the area's amount).
/// </summary>
internal static class AllocationAudit
{
    private const string Ballots = AuditBundle.AllocationBallots;
    private const string Projects = AuditBundle.ProjectBallots;

    public static void Check(Dictionary<string, byte[]> files, string? seed, int panelCount, List<string> findings, List<string> passed)
    {
        if (!files.TryGetValue(Ballots, out var csv) || !files.TryGetValue(AuditBundle.Rule, out var ruleJson))
        {
            return;
        }

        AllocationSettings settings;
        try
        {
            settings = AllocationSettings.Parse(ruleJson);
        }
        catch (FormatException e)
        {
            findings.Add(e.Message);
            return;
        }

        CheckElection(files, settings, findings);
        AllocationCsvFile file;
        try
        {
            file = AnonymousAllocationBallots.Read(csv, Ballots, settings);
        }
        catch (Exception e) when (e is AllocationFormatException or ArgumentException or System.Text.DecoderFallbackException)
        {
            findings.Add(e is AllocationFormatException ? e.Message : $"{Ballots}: {e.Message}");
            return;
        }

        if (panelCount >= 0 && file.Ballots.Count > panelCount)
        {
            findings.Add($"{Ballots}: {file.Ballots.Count} ballots from a panel of {panelCount}");
        }

        if (seed is not null && AnonymousAllocationBallots.CheckOrder(file, seed) is { } disorder)
        {
            findings.Add($"{Ballots}: {disorder}");
        }
        else if (seed is not null)
        {
            passed.Add($"{Ballots}: {file.Ballots.Count} ballots, each adding up to the budget within the floors and ceilings, numbered and ordered by the seed's shuffle");
        }

        if (!files.TryGetValue(AuditBundle.Results, out var results))
        {
            return;
        }

        AllocationReport report;
        byte[] expected;
        try
        {
            report = AnonymousAllocationBallots.Tally(file, settings, Ballots);
            using var buffer = new MemoryStream();
            AllocationJson.Write(report, buffer);
            expected = buffer.ToArray();
        }
        catch (ArgumentException e)
        {
            findings.Add($"{AuditBundle.Rule}: the aggregation of {Ballots} cannot be re-run: {e.Message}");
            return;
        }

        if (settings.IsHierarchical)
        {
            CheckProjectVotes(files, settings, report, results, seed, panelCount, findings, passed);
            return;
        }

        if (expected.AsSpan().SequenceEqual(results))
        {
            passed.Add($"{AuditBundle.Results}: identical to the re-run aggregation of {Ballots} with {settings.Rule}");
            return;
        }

        var recomputed = Describe(report.Outcome.Areas, report.Outcome.Amounts);
        var published = Published(results);
        findings.Add(published is null
            ? $"{AuditBundle.Results}: not an allocation report; the re-run aggregation of {Ballots} with {settings.Rule} allocates {recomputed}"
            : published == recomputed
                ? $"{AuditBundle.Results}: allocates the same amounts ({published}) but differs from the re-run aggregation's report of {Ballots} elsewhere"
                : $"{AuditBundle.Results}: allocates {published} but the re-run aggregation of {Ballots} with {settings.Rule} allocates {recomputed}");
    }

    // A hierarchical budget's second stage: projects.pb read, its order checked, and both stages re-run against results.json.
    private static void CheckProjectVotes(
        Dictionary<string, byte[]> files, AllocationSettings settings, AllocationReport report, byte[] results, string? seed, int panelCount,
        List<string> findings, List<string> passed)
    {
        if (!files.TryGetValue(Projects, out var pb))
        {
            findings.Add($"{Projects}: {AuditBundle.Rule} has project rules (a hierarchical budget) but the bundle holds no verified {Projects}");
            return;
        }

        PabulibFile file;
        try
        {
            file = PabulibReader.Read(new MemoryStream(pb, writable: false), Projects);
        }
        catch (PabulibFormatException e)
        {
            findings.Add(e.Message.ReplaceLineEndings(" "));
            return;
        }

        if (panelCount >= 0 && file.Profile.VoterCount > panelCount)
        {
            findings.Add($"{Projects}: {file.Profile.VoterCount} ballots from a panel of {panelCount}");
        }

        if (seed is not null && AnonymousBallots.CheckOrder(file, seed + AuditBundle.ProjectBallotsSeedSuffix) is { } disorder)
        {
            findings.Add($"{Projects}: {disorder}");
        }
        else if (seed is not null)
        {
            passed.Add($"{Projects}: {file.Profile.VoterCount} ballots, numbered and ordered by the seed's shuffle");
        }

        CheckAreaProjects(files, file, findings);
        byte[] expected;
        try
        {
            var rules = settings.ProjectRules!.Select(o => o is null ? null : RuleCatalog.Create(o)).ToList();
            var votes = HierarchicalBudget.Tally(report.Outcome, file.Election, file.Profile, rules);
            expected = HierarchicalJson.ToBytes(report, votes, Projects);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or TieException)
        {
            findings.Add($"{AuditBundle.Rule}: the project votes of {Projects} cannot be re-run: {e.Message}");
            return;
        }

        if (expected.AsSpan().SequenceEqual(results))
        {
            passed.Add($"{AuditBundle.Results}: identical to the re-run of both stages: {Ballots} aggregated with {settings.Rule}, then {Projects} tallied in each area with its amount");
            return;
        }

        var recomputed = Describe(report.Outcome.Areas, report.Outcome.Amounts);
        var published = Published(results);
        var fundedNow = Funded(expected);
        var fundedThen = Funded(results);
        findings.Add(published != recomputed
            ? $"{AuditBundle.Results}: allocates {published ?? "nothing readable"} but the re-run aggregation of {Ballots} with {settings.Rule} allocates {recomputed}"
            : fundedThen != fundedNow
                ? $"{AuditBundle.Results}: funds {fundedThen ?? "nothing readable"} but the re-run project votes of {Projects} fund {fundedNow}"
                : $"{AuditBundle.Results}: allocates and funds the same but differs from the re-run report elsewhere");
    }

    // projects.pb's projects (id, cost, area) against those election.json lists under its areas, where it lists them.
    private static void CheckAreaProjects(Dictionary<string, byte[]> files, PabulibFile file, List<string> findings)
    {
        if (!files.TryGetValue(AuditBundle.Election, out var bytes))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            if (!json.RootElement.TryGetProperty("areas", out var areas) || areas.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            var defined = areas.EnumerateArray()
                .SelectMany(a => a.TryGetProperty("projects", out var ps) && ps.ValueKind == JsonValueKind.Array
                    ? ps.EnumerateArray().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.GetProperty("id").GetString()} {p.GetProperty("cost").GetInt64()} in {a.GetProperty("id").GetString()}"))
                    : [])
                .Order(StringComparer.Ordinal).ToList();
            var published = file.Election.Projects
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Id} {p.Cost} in {p.Category}"))
                .Order(StringComparer.Ordinal).ToList();
            if (!defined.SequenceEqual(published, StringComparer.Ordinal))
            {
                findings.Add($"{Projects}: its projects ({string.Join(", ", published)}) are not those of {AuditBundle.Election}'s areas ({string.Join(", ", defined)})");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            findings.Add($"{AuditBundle.Election}: not valid JSON with an election's fields: {e.Message}");
        }
    }

    // The funded projects of a hierarchical report, area by area: "parks: a, b; roads: nothing".
    private static string? Funded(byte[] report)
    {
        try
        {
            using var json = JsonDocument.Parse(report);
            return string.Join("; ", json.RootElement.GetProperty("projectVotes").EnumerateArray().Select(v =>
            {
                var r = v.GetProperty("report");
                var ids = r.ValueKind == JsonValueKind.Null ? [] : r.GetProperty("selected").EnumerateArray().Select(e => e.GetString() ?? "").ToList();
                return $"{v.GetProperty("area").GetString()}: {(ids.Count == 0 ? "nothing" : string.Join(", ", ids))}";
            }));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    // election.json's budget, areas and rule against rule.json, where election.json has them.
    private static void CheckElection(Dictionary<string, byte[]> files, AllocationSettings settings, List<string> findings)
    {
        if (!files.TryGetValue(AuditBundle.Election, out var bytes))
        {
            return;
        }

        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.TryGetProperty("budget", out var budget) && budget.GetInt64() != settings.Election.Budget)
            {
                findings.Add($"{AuditBundle.Election}: the budget is {budget.GetInt64()} but {AuditBundle.Rule} has {settings.Election.Budget}");
            }

            if (root.TryGetProperty("areas", out var areas) && areas.ValueKind == JsonValueKind.Array)
            {
                var defined = areas.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
                if (!defined.SequenceEqual(settings.Election.Areas, StringComparer.Ordinal))
                {
                    findings.Add($"{AuditBundle.Election}: its areas ({string.Join(", ", defined)}) are not those of {AuditBundle.Rule} ({string.Join(", ", settings.Election.Areas)})");
                }
            }

            if (root.TryGetProperty("rule", out var rule) && rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("name", out var name)
                && !string.Equals(name.GetString()?.Trim(), settings.Rule, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"{AuditBundle.Election}: defines the rule '{name.GetString()}' but {AuditBundle.Rule} aggregates with '{settings.Rule}'");
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            findings.Add($"{AuditBundle.Election}: not valid JSON with an election's fields: {e.Message}");
        }
    }

    private static string Describe(IReadOnlyList<string> areas, IReadOnlyList<long> amounts) =>
        string.Join(", ", areas.Select((a, j) => string.Create(CultureInfo.InvariantCulture, $"{a} {amounts[j]}")));

    private static string? Published(byte[] report)
    {
        try
        {
            using var json = JsonDocument.Parse(report);
            var allocation = json.RootElement.GetProperty("allocation").EnumerateObject().ToList();
            return Describe(allocation.Select(p => p.Name).ToList(), allocation.Select(p => p.Value.GetInt64()).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
