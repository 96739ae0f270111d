using System.Globalization;
using System.Text;
using Budgeting.Formats.Allocation;
using Budgeting.Randomness;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Audit;

/// <summary>
/// Writes the published ballots of an allocation vote as a CSV file in <c>budgeting allocate</c>'s input format
/// (<c>voter_id,&lt;area 1&gt;,…</c>) whose voters cannot be linked to panelists, checks that a file was arranged that
/// way, and re-runs the aggregation. The order is fixed as for <see cref="AnonymousBallots"/>: sort the ballots by
/// their key (<see cref="Key"/>, ordinal), shuffle them with <see cref="SeededStream.Shuffle{T}"/> on the stream of
/// <c>SEED + "/ballots"</c>, and number the voters 1, 2, 3, … in that order (see docs/audit-bundle.md).
/// </summary>
public static class AnonymousAllocationBallots
{
    /// <summary>
    /// Writes <paramref name="ballots"/> (their voter ids are ignored) to <paramref name="output"/>: the header
    /// <c>voter_id</c> and the area ids in election order, then one row per ballot, <c>\n</c> line ends, UTF-8 without BOM.
    /// </summary>
    /// <exception cref="ArgumentException">A ballot is not valid for <paramref name="election"/> (see <see cref="AllocationBallotValidator"/>).</exception>
    public static void Write(AllocationElection election, IReadOnlyList<AllocationBallot> ballots, string seed, Stream output)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(ballots);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(output);
        for (var b = 0; b < ballots.Count; b++)
        {
            var problems = AllocationBallotValidator.Validate(election, ballots[b] with { VoterId = "x" });
            if (problems.Count > 0)
            {
                throw new ArgumentException($"Ballot {b + 1}: field '{problems[0].Field}': {problems[0].Message}", nameof(ballots));
            }
        }

        var keys = ballots.Select(Key).ToArray();
        var order = Arrange(keys, seed);
        var text = new StringBuilder(Field(AllocationCsvReader.VoterIdColumn));
        foreach (var area in election.Areas)
        {
            text.Append(',').Append(Field(area));
        }

        text.Append('\n');
        for (var v = 0; v < order.Length; v++)
        {
            text.Append((v + 1).ToString(CultureInfo.InvariantCulture)).Append(',').Append(keys[order[v]]).Append('\n');
        }

        output.Write(new UTF8Encoding(false).GetBytes(text.ToString()));
    }

    /// <summary>The file's bytes for <see cref="Write"/>'s arguments.</summary>
    public static byte[] ToBytes(AllocationElection election, IReadOnlyList<AllocationBallot> ballots, string seed)
    {
        using var buffer = new MemoryStream();
        Write(election, ballots, seed, buffer);
        return buffer.ToArray();
    }

    /// <summary>Reads a file <see cref="Write"/> wrote (or an auditor's copy of it), checking every row against <paramref name="settings"/>.</summary>
    /// <exception cref="AllocationFormatException">The file is malformed or a ballot is invalid; the message names <paramref name="source"/>, the line and the field.</exception>
    public static AllocationCsvFile Read(byte[] csv, string source, AllocationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(settings);
        var election = settings.Election;
        var floors = Enumerable.Range(0, election.Areas.Count).ToDictionary(j => election.Areas[j], j => election.Floors[j], StringComparer.Ordinal);
        var ceilings = Enumerable.Range(0, election.Areas.Count).ToDictionary(j => election.Areas[j], j => election.Ceilings[j], StringComparer.Ordinal);
        using var reader = new StringReader(new UTF8Encoding(false, true).GetString(csv));
        var file = AllocationCsvReader.Read(reader, source, election.Budget, new AllocationCsvOptions(election.Areas, floors, ceilings));
        if (!file.Election.Areas.SequenceEqual(election.Areas, StringComparer.Ordinal))
        {
            throw new AllocationFormatException(source, file.Lines.Count > 0 ? file.Lines[0] - 1 : 1, AllocationCsvReader.VoterIdColumn,
                $"the areas are not in the order of rule.json ({string.Join(", ", election.Areas)})");
        }

        return file;
    }

    /// <summary>Aggregates <paramref name="file"/> with the rule of <paramref name="settings"/> and builds the report, naming the input <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException">The rule is unknown or the ballots cannot be aggregated (for example, there are none).</exception>
    public static AllocationReport Tally(AllocationCsvFile file, AllocationSettings settings, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(settings);
        var outcome = AllocationRules.Create(settings.Rule).Allocate(file.Election, file.Ballots);
        return AllocationReport.Create(file.Election, file.Ballots, outcome, source);
    }

    /// <summary>
    /// Checks that the voters of <paramref name="file"/> are numbered 1, 2, 3, … and in the order <see cref="Write"/>
    /// gives for their ballots and <paramref name="seed"/>. Returns null when they are, else a sentence saying what differs.
    /// </summary>
    public static string? CheckOrder(AllocationCsvFile file, string seed)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(seed);
        for (var v = 0; v < file.Ballots.Count; v++)
        {
            var expectedId = (v + 1).ToString(CultureInfo.InvariantCulture);
            if (file.Ballots[v].VoterId != expectedId)
            {
                return $"line {file.Lines[v]}: voter id '{file.Ballots[v].VoterId}', not {expectedId}: the ids are not 1, 2, 3, ... in file order";
            }
        }

        var keys = file.Ballots.Select(Key).ToArray();
        var expected = Arrange(keys, seed);
        for (var v = 0; v < keys.Length; v++)
        {
            if (keys[v] != keys[expected[v]])
            {
                return $"line {file.Lines[v]}: voter {v + 1}'s ballot is not the one the seed's shuffle puts there: the voters were reordered";
            }
        }

        return null;
    }

    /// <summary>A ballot's sort text: its amounts in area order joined by commas, for example <c>500,300,200</c>.</summary>
    public static string Key(AllocationBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return string.Join(',', ballot.Amounts.Select(a => a.ToString(CultureInfo.InvariantCulture)));
    }

    // Indices of the ballots sorted by key (ordinal, stable), then shuffled by the seed's ballot stream.
    private static int[] Arrange(string[] keys, string seed)
    {
        var order = Enumerable.Range(0, keys.Length).OrderBy(b => keys[b], StringComparer.Ordinal).ToArray();
        new SeededStream(seed + AnonymousBallots.StreamSuffix).Shuffle(order.AsSpan());
        return order;
    }

    private static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
