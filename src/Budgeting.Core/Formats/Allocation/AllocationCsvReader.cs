using System.Globalization;
using Budgeting.Formats.Csv;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Formats.Allocation;

/// <summary>
/// Reads allocation ballots from CSV (RFC 4180, UTF-8): a header <c>voter_id,&lt;area 1&gt;,&lt;area 2&gt;,…</c> and one
/// row per panelist with whole amounts that add up to the budget. Names and amounts are trimmed. The first problem is
/// reported as <c>FILE:LINE: field 'X': what is wrong</c>; nothing is returned then.
/// </summary>
public static class AllocationCsvReader
{
    /// <summary>The name of the first column.</summary>
    public const string VoterIdColumn = "voter_id";

    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    /// <exception cref="AllocationFormatException">The file is malformed or a ballot is invalid.</exception>
    /// <exception cref="ArgumentException">The floors, ceilings or budget do not fit together (see <see cref="AllocationElection"/>).</exception>
    public static AllocationCsvFile Read(string path, long budget, AllocationCsvOptions? options = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), budget, options);
    }

    /// <summary>Reads <paramref name="reader"/>, naming it <paramref name="source"/> in messages.</summary>
    /// <exception cref="AllocationFormatException">The file is malformed or a ballot is invalid.</exception>
    /// <exception cref="ArgumentException">The floors, ceilings or budget do not fit together (see <see cref="AllocationElection"/>).</exception>
    public static AllocationCsvFile Read(TextReader reader, string source, long budget, AllocationCsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new AllocationCsvOptions();
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvReader.ReadAll(reader);
        }
        catch (CsvFormatException e)
        {
            throw new AllocationFormatException(source, e.Line, null, e.Problem);
        }

        if (records.Count == 0)
        {
            throw new AllocationFormatException(source, 1, VoterIdColumn, "the file is empty; expected a header voter_id,<area>,<area>,…");
        }

        var header = records[0];
        var areas = ReadHeader(source, header, options.Areas);
        var election = new AllocationElection(areas, budget, Bounds(source, header.Line, areas, options.Floors, "floor", 0), Bounds(source, header.Line, areas, options.Ceilings, "ceiling", budget));
        var ballots = new List<AllocationBallot>(records.Count - 1);
        var lines = new List<int>(records.Count - 1);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            var fields = record.Fields;
            if (fields.Count < areas.Length + 1)
            {
                var missing = fields.Count == 0 ? VoterIdColumn : areas[fields.Count - 1];
                throw new AllocationFormatException(source, record.Line, missing, $"missing: the row has {fields.Count} fields, the header {areas.Length + 1}");
            }

            if (fields.Count > areas.Length + 1)
            {
                throw new AllocationFormatException(source, record.Line, $"#{areas.Length + 2}", $"the row has {fields.Count} fields, the header only {areas.Length + 1}");
            }

            var voter = fields[0].Trim();
            if (voter.Length == 0)
            {
                throw new AllocationFormatException(source, record.Line, VoterIdColumn, "the voter id is empty");
            }

            if (!seen.TryAdd(voter, record.Line))
            {
                throw new AllocationFormatException(source, record.Line, VoterIdColumn, $"voter '{voter}' already has a ballot on line {seen[voter]}");
            }

            var amounts = new long[areas.Length];
            for (var j = 0; j < areas.Length; j++)
            {
                var text = fields[j + 1].Trim();
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amounts[j]))
                {
                    throw new AllocationFormatException(source, record.Line, areas[j], text.Length == 0 ? "the amount is empty" : $"'{text}' is not a whole number");
                }
            }

            var ballot = new AllocationBallot(voter, amounts);
            var problems = AllocationBallotValidator.Validate(election, ballot);
            if (problems.Count > 0)
            {
                throw new AllocationFormatException(source, record.Line, problems[0].Field, problems[0].Message);
            }

            ballots.Add(ballot);
            lines.Add(record.Line);
        }

        if (ballots.Count == 0)
        {
            throw new AllocationFormatException(source, header.Line, VoterIdColumn, "the file has no ballots, only a header");
        }

        return new AllocationCsvFile(election, ballots, lines);
    }

    private static string[] ReadHeader(string source, CsvRecord header, IReadOnlyList<string>? expected)
    {
        var names = header.Fields.Select(f => f.Trim()).ToArray();
        if (!string.Equals(names[0], VoterIdColumn, StringComparison.Ordinal))
        {
            throw new AllocationFormatException(source, header.Line, names[0], $"the first column must be '{VoterIdColumn}'");
        }

        if (names.Length == 1)
        {
            throw new AllocationFormatException(source, header.Line, VoterIdColumn, "the header names no areas");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { VoterIdColumn };
        for (var c = 1; c < names.Length; c++)
        {
            if (names[c].Length == 0)
            {
                throw new AllocationFormatException(source, header.Line, $"#{c + 1}", $"column {c + 1} has no name");
            }

            if (!seen.Add(names[c]))
            {
                throw new AllocationFormatException(source, header.Line, names[c], $"column '{names[c]}' appears twice");
            }
        }

        var areas = names[1..];
        if (expected is not null)
        {
            foreach (var name in areas)
            {
                if (!expected.Contains(name, StringComparer.Ordinal))
                {
                    throw new AllocationFormatException(source, header.Line, name, $"unknown area '{name}'; the areas are {string.Join(", ", expected)}");
                }
            }

            foreach (var name in expected)
            {
                if (!areas.Contains(name, StringComparer.Ordinal))
                {
                    throw new AllocationFormatException(source, header.Line, name, $"the header lacks area '{name}'");
                }
            }
        }

        return areas;
    }

    private static long[] Bounds(string source, int line, string[] areas, IReadOnlyDictionary<string, long>? given, string kind, long fallback)
    {
        var bounds = Enumerable.Repeat(fallback, areas.Length).ToArray();
        if (given is null)
        {
            return bounds;
        }

        foreach (var (name, amount) in given)
        {
            var j = Array.IndexOf(areas, name);
            if (j < 0)
            {
                throw new AllocationFormatException(source, line, name, $"a {kind} is set for area '{name}', which the header does not name");
            }

            bounds[j] = amount;
        }

        return bounds;
    }
}
