using System.Text;
using System.Text.Json;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Reports;

/// <summary>
/// Renders an <see cref="OutcomeReport"/> as JSON with an explicit writer (no reflection), in a fixed key order.
/// Top-level keys: <c>file</c>, <c>rule</c>, <c>ballotKind</c>, <c>voters</c>, <c>projects</c>, <c>budget</c>,
/// <c>totalCost</c>, <c>leftover</c>, <c>selected</c> (project ids in funding order), <c>funded</c> (id, name, cost,
/// score, supporters), <c>tieBreak</c>, <c>ties</c>, <c>tieNotes</c>, <c>explanations</c> and <c>metrics</c>.
/// A rational is an object <c>{"exact": "p/q", "approx": 12.3456}</c>: the exact value as text and a rounded
/// decimal for display.
/// </summary>
public static class JsonReport
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 JSON, ending with a newline.</summary>
    public static void Write(OutcomeReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        JsonText.Write(stream, json => WriteReport(json, report));
    }

    /// <summary>Renders <paramref name="report"/> as a JSON string, ending with a newline.</summary>
    public static string ToJson(OutcomeReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <paramref name="report"/> as one JSON object (also nested, in a hierarchical budget's report).</summary>
    internal static void WriteReport(Utf8JsonWriter json, OutcomeReport report)
    {
        json.WriteStartObject();
        if (report.Source is null)
        {
            json.WriteNull("file");
        }
        else
        {
            json.WriteString("file", report.Source);
        }

        json.WriteString("rule", report.Rule);
        json.WriteString("ballotKind", TextReport.BallotKindName(report.BallotKind));
        json.WriteNumber("voters", report.VoterCount);
        json.WriteNumber("projects", report.ProjectCount);
        json.WriteNumber("budget", report.Budget);
        json.WriteNumber("totalCost", report.TotalCost);
        json.WriteNumber("leftover", report.Leftover);

        json.WriteStartArray("selected");
        foreach (var p in report.Funded)
        {
            json.WriteStringValue(p.Id);
        }

        json.WriteEndArray();

        json.WriteStartArray("funded");
        foreach (var p in report.Funded)
        {
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            WriteOptionalString(json, "name", p.Name);
            json.WriteNumber("cost", p.Cost);
            json.WriteNumber("score", p.Score);
            json.WriteNumber("supporters", p.Supporters);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("tieBreak");
        json.WriteStartArray("criteria");
        foreach (var part in new TieBreak(report.TieBreak.Criteria).ToString().Split(','))
        {
            json.WriteStringValue(part);
        }

        json.WriteEndArray();
        WriteOptionalString(json, "seed", report.TieBreak.Seed);
        json.WriteBoolean("strict", report.TieBreak.Strict);
        json.WriteEndObject();

        json.WriteStartArray("ties");
        foreach (var tie in report.Ties)
        {
            json.WriteStartObject();
            json.WriteString("step", tie.Step);
            JsonText.WriteStrings(json, "projects", tie.ProjectIds);
            JsonText.WriteStrings(json, "chosen", tie.ChosenIds);
            json.WriteBoolean("outcomeChanging", tie.OutcomeChanging);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        JsonText.WriteStrings(json, "tieNotes", report.TieNotes);

        json.WriteStartArray("explanations");
        foreach (var e in report.Explanations)
        {
            json.WriteStartObject();
            json.WriteString("project", e.ProjectId);
            json.WriteBoolean("funded", e.Funded);
            json.WriteNumber("round", e.Round);
            json.WriteString("reason", e.Reason);
            if (e.Score is { } score)
            {
                json.WriteNumber("score", score);
            }

            WriteOptionalRational(json, "effectiveVotes", e.EffectiveVotes);
            WriteOptionalRational(json, "paymentPerSupporter", e.PaymentPerSupporter);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("metrics");
        foreach (var m in report.Metrics)
        {
            json.WriteStartObject(m.Key);
            json.WriteString("label", m.Label);
            WriteOptionalRational(json, "value", m.Value);
            if (m.Holds is { } holds)
            {
                json.WriteBoolean("holds", holds);
            }

            WriteOptionalString(json, "detail", m.Detail);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptionalRational(Utf8JsonWriter json, string name, Rational? value)
    {
        if (value is not { } v)
        {
            return;
        }

        JsonText.WriteRational(json, name, v);
    }
}
