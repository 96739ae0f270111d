using System.Text;
using Budgeting.Formats.Csv;
using Budgeting.Sortition;

namespace Budgeting.Audit;

/// <summary>
/// The audit bundle's <c>panel-features.csv</c>: for every person who is on some panel of some lottery round, their
/// pool id, an opaque household label and their value of each feature, and nothing else from the pool (no names, no
/// addresses). It is what an auditor checks each panel's quotas and households against.
/// Columns: <c>id,household,FEATURE1,FEATURE2,…</c> (features in the categories' order); households are labelled
/// <c>h1</c>, <c>h2</c>, … in pool order of first appearance, empty when the lottery had no address columns.
/// </summary>
public static class PanelFeatures
{
    /// <summary>The CSV for the people of <paramref name="pool"/> whose ids are in <paramref name="ids"/>, in pool order.</summary>
    public static byte[] Write(Pool pool, IReadOnlySet<string> ids)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(ids);
        var households = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendJoin(',', new[] { "id", "household" }.Concat(pool.Features.Select(f => f.Name)).Select(Field)).Append('\n');
        foreach (var person in pool.People)
        {
            var label = "";
            if (person.Household is { } household && !households.TryGetValue(household, out label))
            {
                label = "h" + (households.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                households.Add(household, label);
            }

            if (!ids.Contains(person.Id))
            {
                continue;
            }

            text.Append(Field(person.Id)).Append(',').Append(label);
            for (var f = 0; f < pool.Features.Count; f++)
            {
                text.Append(',').Append(Field(pool.Features[f].Values[person.ValueIndices[f]].Name));
            }

            text.Append('\n');
        }

        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>Reads the CSV back as a pool over <paramref name="features"/> (the lottery's quotas).</summary>
    /// <exception cref="FormatException">The header does not name the features, a value is unknown or an id repeats (the message names the line).</exception>
    public static Pool Read(byte[] bytes, IReadOnlyList<Feature> features)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(features);
        IReadOnlyList<CsvRecord> records;
        try
        {
            using var reader = new StringReader(new UTF8Encoding(false, true).GetString(bytes));
            records = CsvReader.ReadAll(reader);
        }
        catch (Exception e) when (e is CsvFormatException or DecoderFallbackException)
        {
            throw new FormatException($"panel-features.csv: {e.Message}", e);
        }

        var header = new[] { "id", "household" }.Concat(features.Select(f => f.Name)).ToArray();
        if (records.Count == 0 || !records[0].Fields.SequenceEqual(header))
        {
            throw new FormatException($"panel-features.csv line 1: the header is not '{string.Join(',', header)}'");
        }

        var people = new List<Person>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var fields = record.Fields;
            if (fields.Count != header.Length)
            {
                throw new FormatException($"panel-features.csv line {record.Line}: {fields.Count} fields, expected {header.Length}");
            }

            if (!seen.Add(fields[0]))
            {
                throw new FormatException($"panel-features.csv line {record.Line}: field 'id': '{fields[0]}' appears twice");
            }

            var values = new int[features.Count];
            for (var f = 0; f < features.Count; f++)
            {
                values[f] = features[f].Values.ToList().FindIndex(v => v.Name == fields[f + 2]);
                if (values[f] < 0)
                {
                    throw new FormatException($"panel-features.csv line {record.Line}: field '{features[f].Name}': '{fields[f + 2]}' is not one of its categories");
                }
            }

            people.Add(new Person(fields[0], values, fields[1].Length == 0 ? null : fields[1], record.Line));
        }

        return new Pool(features, people);
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
