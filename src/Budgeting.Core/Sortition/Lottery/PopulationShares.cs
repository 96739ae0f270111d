using System.Globalization;
using System.Text;
using Budgeting.Formats.Csv;

namespace Budgeting.Sortition.Lottery;

/// <summary>
/// The population's shares of each feature value, for the report's quota table and chi-square test. Read from a CSV
/// file <c>feature,value,share</c> (shares are any non-negative numbers, e.g. census counts or percentages; they are
/// normalised per feature). Names match the categories case-insensitively, whitespace trimmed; values not listed get 0.
/// </summary>
/// <param name="Shares">Per feature of the pool (same order), per value, its share of the population (summing to 1), or null when the file does not cover the feature.</param>
public sealed record PopulationShares(IReadOnlyList<double[]?> Shares)
{
    /// <summary>Reads the shares file for <paramref name="features"/>.</summary>
    /// <exception cref="FormatException">A row is malformed or names a feature or value that is not in the categories.</exception>
    public static PopulationShares Read(Stream stream, string name, IReadOnlyList<Feature> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var records = CsvReader.ReadAll(reader);
        if (records.Count == 0 || records[0].Fields.Count < 3
            || !records[0].Fields.Take(3).Select(f => f.Trim().ToUpperInvariant()).SequenceEqual(["FEATURE", "VALUE", "SHARE"]))
        {
            throw new FormatException($"{name}:1: the header must be 'feature,value,share'.");
        }

        var raw = new double[features.Count][];
        for (var f = 0; f < features.Count; f++)
        {
            raw[f] = new double[features[f].Values.Count];
        }

        var covered = new bool[features.Count];
        foreach (var record in records.Skip(1))
        {
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Fields.Count < 3)
            {
                throw new FormatException($"{name}:{record.Line}: expected feature,value,share.");
            }

            var f = IndexOf(features.Select(x => x.Name), record.Fields[0]);
            if (f < 0)
            {
                throw new FormatException($"{name}:{record.Line}: feature '{record.Fields[0].Trim()}' is not in the categories.");
            }

            var v = IndexOf(features[f].Values.Select(x => x.Name), record.Fields[1]);
            if (v < 0)
            {
                throw new FormatException($"{name}:{record.Line}: value '{record.Fields[1].Trim()}' is not a value of {features[f].Name}.");
            }

            if (!double.TryParse(record.Fields[2].Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || !(share >= 0) || double.IsInfinity(share))
            {
                throw new FormatException($"{name}:{record.Line}: share '{record.Fields[2]}' is not a non-negative number.");
            }

            raw[f][v] += share;
            covered[f] = true;
        }

        var shares = new double[]?[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            var total = raw[f].Sum();
            if (covered[f] && total > 0)
            {
                shares[f] = raw[f].Select(s => s / total).ToArray();
            }
        }

        return new PopulationShares(shares);
    }

    private static int IndexOf(IEnumerable<string> names, string text)
    {
        var key = text.Trim();
        var index = 0;
        foreach (var n in names)
        {
            if (string.Equals(n.Trim(), key, StringComparison.OrdinalIgnoreCase))
            {
                return index;
            }

            index++;
        }

        return -1;
    }
}
