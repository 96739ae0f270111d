using System.Text;
using System.Text.Json;
using Budgeting.Tallying;
using Budgeting.Tallying.Rules;

namespace Budgeting.Audit;

/// <summary>
/// The audit bundle's <c>rule.json</c>: the rule and options the election was tallied with, so that an auditor can
/// re-run the tally. Written canonically (fixed key order, <c>\n</c> line ends, UTF-8 without BOM).
/// </summary>
public static class TallySettings
{
    /// <summary>The canonical bytes of <c>rule.json</c> for <paramref name="options"/>.</summary>
    public static byte[] Write(RuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tieBreak = options.TieBreak ?? TieBreak.Default;
        var text = new StringBuilder("{\n");
        text.Append("  \"rule\": ").Append(Quote(options.Rule)).Append(",\n");
        text.Append("  \"utility\": ").Append(Quote(options.Utility switch { null => null, Utility.Cardinality => "cardinality", _ => "cost" })).Append(",\n");
        text.Append("  \"completion\": ").Append(Quote(options.Completion switch
        {
            null => null,
            Completion.Add1 => "add1",
            Completion.Add1Utilitarian => "add1u",
            _ => "none",
        })).Append(",\n");
        text.Append("  \"integral\": ").Append(options.Integral ? "true" : "false").Append(",\n");
        text.Append("  \"exhaustive\": ").Append(options.Exhaustive ? "true" : "false").Append(",\n");
        text.Append("  \"comparison\": ").Append(options.Comparison ? "true" : "false").Append(",\n");
        text.Append("  \"tieBreak\": ").Append(Quote(Criteria(tieBreak))).Append(",\n");
        text.Append("  \"seed\": ").Append(Quote(tieBreak.Seed)).Append(",\n");
        text.Append("  \"unit\": ").Append(Quote(options.Unit)).Append('\n');
        text.Append("}\n");
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>Reads <c>rule.json</c> back into rule options.</summary>
    /// <exception cref="FormatException">The bytes are not a rule.json, or name an unknown option value.</exception>
    public static RuleOptions Parse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            var seed = OptionalString(root, "seed");
            return new RuleOptions(
                root.GetProperty("rule").GetString() ?? throw new FormatException("rule.json: \"rule\" is null."),
                OptionalString(root, "utility") switch
                {
                    null => null,
                    "cost" => Utility.Cost,
                    "cardinality" => Utility.Cardinality,
                    var other => throw new FormatException($"rule.json: unknown utility '{other}'."),
                },
                OptionalString(root, "completion") switch
                {
                    null => null,
                    "none" => Completion.None,
                    "add1" => Completion.Add1,
                    "add1u" => Completion.Add1Utilitarian,
                    var other => throw new FormatException($"rule.json: unknown completion '{other}'."),
                },
                root.GetProperty("integral").GetBoolean(),
                root.GetProperty("exhaustive").GetBoolean(),
                root.GetProperty("comparison").GetBoolean(),
                TieBreak.Parse(root.GetProperty("tieBreak").GetString() ?? throw new FormatException("rule.json: \"tieBreak\" is null."), seed),
                OptionalString(root, "unit"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
        {
            throw new FormatException(e.Message.StartsWith("rule.json", StringComparison.Ordinal) ? e.Message : $"rule.json is not a valid rule: {e.Message}", e);
        }
    }

    private static string Criteria(TieBreak tieBreak) => string.Join(',', tieBreak.Criteria.Select(c => c switch
    {
        TieBreakCriterion.MinCost => "min-cost",
        TieBreakCriterion.MaxVotes => "max-votes",
        TieBreakCriterion.ProjectId => "id",
        _ => "lottery",
    }));

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;

    private static string Quote(string? text) => text is null ? "null" : JsonSerializer.Serialize(text);
}
