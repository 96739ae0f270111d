using System.Text;
using System.Text.Json;
using Budgeting.Arithmetic;
using Budgeting.Tallying.Reports;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Renders an <see cref="AllocationReport"/> as JSON in a fixed key order: <c>file</c>, <c>rule</c>, <c>budget</c>,
/// <c>panelists</c>, <c>time</c>, <c>allocation</c> (area → integer amount), <c>fractions</c> (area → exact share of the
/// budget as "p/q"), <c>areas</c> (per area: amount, fraction, what set it, floor, ceiling, spread of proposals),
/// <c>mean</c> (area → "p/q"), <c>distanceFromMean</c>, <c>panelistDistances</c>, <c>notes</c> and <c>warnings</c>.
/// Other exact values are objects <c>{"exact": "p/q", "approx": 12.34}</c>, as in the tally report.
/// </summary>
public static class AllocationJson
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 JSON, ending with a newline.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="extra">Writes further properties at the end of the top-level object (the CLI adds the project votes of a hierarchical budget).</param>
    public static void Write(AllocationReport report, Stream stream, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        JsonText.Write(stream, json => WriteReport(json, report, extra));
    }

    /// <summary>The report as a JSON string, ending with a newline.</summary>
    public static string ToJson(AllocationReport report)
    {
        using var buffer = new MemoryStream();
        Write(report, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteReport(Utf8JsonWriter json, AllocationReport report, Action<Utf8JsonWriter>? extra)
    {
        var outcome = report.Outcome;
        var areas = outcome.Areas;
        json.WriteStartObject();
        if (report.Source is null)
        {
            json.WriteNull("file");
        }
        else
        {
            json.WriteString("file", report.Source);
        }

        json.WriteString("rule", outcome.Rule);
        json.WriteNumber("budget", outcome.Budget);
        json.WriteNumber("panelists", report.Panelists);
        WriteRational(json, "time", outcome.Time);
        json.WriteStartObject("allocation");
        for (var j = 0; j < areas.Count; j++)
        {
            json.WriteNumber(areas[j], outcome.Amounts[j]);
        }

        json.WriteEndObject();
        json.WriteStartObject("fractions");
        for (var j = 0; j < areas.Count; j++)
        {
            json.WriteString(areas[j], outcome.Fractions[j].ToString());
        }

        json.WriteEndObject();
        json.WriteStartArray("areas");
        for (var j = 0; j < areas.Count; j++)
        {
            var e = outcome.Explanations[j];
            var s = report.Spreads[j];
            json.WriteStartObject();
            json.WriteString("area", areas[j]);
            json.WriteNumber("amount", outcome.Amounts[j]);
            json.WriteString("fraction", outcome.Fractions[j].ToString());
            json.WriteString("setBy", e.Source switch
            {
                AreaValueSource.Phantom => "phantom",
                AreaValueSource.Report => "report",
                AreaValueSource.Mean => "mean",
                _ => "median",
            });
            WriteRational(json, "value", e.Value);
            if (e.Phantom is { } k)
            {
                json.WriteNumber("phantom", k);
            }
            else
            {
                json.WriteNull("phantom");
            }

            if (e.VoterId is null)
            {
                json.WriteNull("voterId");
            }
            else
            {
                json.WriteString("voterId", e.VoterId);
            }

            json.WriteNumber("floor", report.Floors[j]);
            json.WriteNumber("ceiling", report.Ceilings[j]);
            json.WriteStartObject("proposals");
            json.WriteNumber("min", s.Min);
            json.WriteNumber("lowerQuartile", s.LowerQuartile);
            json.WriteNumber("median", s.Median);
            json.WriteNumber("upperQuartile", s.UpperQuartile);
            json.WriteNumber("max", s.Max);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("mean");
        for (var j = 0; j < areas.Count; j++)
        {
            json.WriteString(areas[j], report.MeanFractions[j].ToString());
        }

        json.WriteEndObject();
        WriteRational(json, "distanceFromMean", report.DistanceFromMean);
        json.WriteStartArray("panelistDistances");
        foreach (var d in report.Distances)
        {
            json.WriteStartObject();
            json.WriteString("voterId", d.VoterId);
            WriteRational(json, "distance", d.Distance);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        JsonText.WriteStrings(json, "notes", outcome.Notes);
        JsonText.WriteStrings(json, "warnings", report.Warnings);
        extra?.Invoke(json);
        json.WriteEndObject();
    }

    private static void WriteRational(Utf8JsonWriter json, string name, Rational? value)
    {
        if (value is not { } v)
        {
            json.WriteNull(name);
            return;
        }

        JsonText.WriteRational(json, name, v);
    }
}
