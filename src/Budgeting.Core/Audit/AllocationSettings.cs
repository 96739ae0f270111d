using System.Globalization;
using System.Text;
using System.Text.Json;
using Budgeting.Tallying;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Audit;

/// <summary>
/// The audit bundle's <c>rule.json</c> for an allocation vote: the allocation rule and the vote it was run on (budget,
/// areas in order, each area's floor and ceiling), so that an auditor can re-run the aggregation of <c>ballots.csv</c>.
/// Written canonically (fixed key order, <c>\n</c> line ends, UTF-8 without BOM); see docs/audit-bundle.md.
/// </summary>
/// <param name="Rule">The allocation rule's name (<see cref="AllocationRules.Names"/>).</param>
/// <param name="Election">The areas, budget, floors and ceilings.</param>
/// <param name="ProjectRules">For a hierarchical budget: the project rule of each area, in area order (null for an area
/// without projects), written as <c>projectRules</c> (each as <see cref="TallySettings"/> writes it, on one line); the
/// project ballots are then <c>projects.pb</c>. Null for a plain allocation vote.</param>
public sealed record AllocationSettings(string Rule, AllocationElection Election, IReadOnlyList<RuleOptions?>? ProjectRules = null)
{
    /// <summary>Whether this is a hierarchical budget's <c>rule.json</c> (it has project rules).</summary>
    public bool IsHierarchical => ProjectRules is not null;

    /// <summary>The value of <c>ballot</c> that marks an allocation vote's <c>rule.json</c>.</summary>
    public const string BallotKind = "allocation";

    /// <summary>The canonical bytes of <c>rule.json</c>.</summary>
    public byte[] ToBytes()
    {
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder("{\n");
        text.Append("  \"rule\": ").Append(JsonSerializer.Serialize(Rule)).Append(",\n");
        text.Append("  \"ballot\": \"").Append(BallotKind).Append("\",\n");
        text.Append(I($"  \"budget\": {Election.Budget},\n"));
        text.Append("  \"areas\": [\n");
        for (var j = 0; j < Election.Areas.Count; j++)
        {
            text.Append("    {\"id\": ").Append(JsonSerializer.Serialize(Election.Areas[j]))
                .Append(I($", \"floor\": {Election.Floors[j]}, \"ceiling\": {Election.Ceilings[j]}}}"))
                .Append(j + 1 < Election.Areas.Count ? ",\n" : "\n");
        }

        text.Append(ProjectRules is null ? "  ]\n" : "  ],\n");
        if (ProjectRules is not null)
        {
            if (ProjectRules.Count != Election.Areas.Count)
            {
                throw new InvalidOperationException($"There are {ProjectRules.Count} project rules for {Election.Areas.Count} areas.");
            }

            text.Append("  \"projectRules\": [\n");
            for (var j = 0; j < ProjectRules.Count; j++)
            {
                text.Append("    ").Append(ProjectRules[j] is { } options ? OneLine(TallySettings.Write(options)) : "null")
                    .Append(j + 1 < ProjectRules.Count ? ",\n" : "\n");
            }

            text.Append("  ]\n");
        }

        text.Append("}\n");
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    // TallySettings' canonical text on one line: its lines trimmed and joined by spaces (strings hold no raw line breaks).
    private static string OneLine(byte[] settings) =>
        string.Join(' ', Encoding.UTF8.GetString(settings).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));

    /// <summary>Whether <paramref name="bytes"/> is an allocation vote's <c>rule.json</c> (its <c>ballot</c> is <c>allocation</c>).</summary>
    public static bool IsAllocation(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("ballot", out var ballot)
                && ballot.ValueKind == JsonValueKind.String && ballot.GetString() == BallotKind;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an allocation vote's <c>rule.json</c>.</summary>
    /// <exception cref="FormatException">The bytes are not such a file, name an unknown rule, or the areas and bounds do not fit the budget.</exception>
    public static AllocationSettings Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            if (root.GetProperty("ballot").GetString() != BallotKind)
            {
                throw new FormatException($"rule.json: \"ballot\" is not \"{BallotKind}\".");
            }

            var rule = root.GetProperty("rule").GetString() ?? throw new FormatException("rule.json: \"rule\" is null.");
            _ = AllocationRules.Create(rule);
            var budget = root.GetProperty("budget").GetInt64();
            var areas = new List<string>();
            var floors = new List<long>();
            var ceilings = new List<long>();
            foreach (var area in root.GetProperty("areas").EnumerateArray())
            {
                areas.Add(area.GetProperty("id").GetString() ?? throw new FormatException("rule.json: an area's \"id\" is null."));
                floors.Add(area.GetProperty("floor").GetInt64());
                ceilings.Add(area.GetProperty("ceiling").GetInt64());
            }

            List<RuleOptions?>? projectRules = null;
            if (root.TryGetProperty("projectRules", out var rules) && rules.ValueKind != JsonValueKind.Null)
            {
                projectRules = [];
                foreach (var options in rules.EnumerateArray())
                {
                    projectRules.Add(options.ValueKind == JsonValueKind.Null ? null : TallySettings.Parse(Encoding.UTF8.GetBytes(options.GetRawText())));
                }

                if (projectRules.Count != areas.Count)
                {
                    throw new FormatException($"rule.json: \"projectRules\" has {projectRules.Count} entries for {areas.Count} areas.");
                }
            }

            return new AllocationSettings(rule, new AllocationElection(areas, budget, floors, ceilings), projectRules);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException(e.Message.StartsWith("rule.json", StringComparison.Ordinal) ? e.Message : $"rule.json is not a valid allocation rule: {e.Message}", e);
        }
    }
}
