using System.Globalization;
using System.Text.Json;
using Budgeting.Formats.Allocation;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Audit;

/// <summary>
/// The audit bundle verifier's checks of an allocation vote: <c>ballots.csv</c> against <c>rule.json</c> (an
/// <see cref="AllocationSettings"/>) and <c>election.json</c>, the ballots' order for the seed, and the re-run
/// aggregation against <c>results.json</c>, byte for byte.
/// </summary>
internal static class AllocationAudit
{
    private const string Ballots = AuditBundle.AllocationBallots;

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
