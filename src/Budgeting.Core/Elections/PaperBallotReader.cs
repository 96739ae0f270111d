using System.Globalization;
using Budgeting.Formats.Csv;

namespace Budgeting.Elections;

/// <summary>
/// Reads the paper ballots officials type in, as CSV (RFC 4180): a header naming the columns <c>person_id</c> and
/// <c>projects</c>, plus <c>points</c> for cumulative and scoring ballots; then one row per paper ballot. A list cell
/// holds project ids (or points) separated by <c>;</c> or by <c>,</c> inside quotes, in rank order for ordinal ballots;
/// an empty cell is an empty list. Every ballot is checked with <see cref="BallotValidator"/>, exactly as an online
/// ballot is, and every problem is reported with its file, line and column, so that an import is all or nothing.
/// </summary>
public static class PaperBallotReader
{
    /// <summary>The panelist id column.</summary>
    public const string PersonColumn = "person_id";

    /// <summary>The projects column.</summary>
    public const string ProjectsColumn = "projects";

    /// <summary>The points column (cumulative and scoring ballots).</summary>
    public const string PointsColumn = "points";

    private static readonly char[] ListSeparators = [';', ','];

    /// <summary>
    /// Reads every paper ballot in <paramref name="reader"/>. The ballots are returned only when there are no problems;
    /// otherwise the list of ballots is empty and every problem found is returned, in line order.
    /// </summary>
    public static (IReadOnlyList<PaperBallot> Ballots, IReadOnlyList<PaperBallotProblem> Problems) Read(TextReader reader, string file, Election election)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(election);
        var (records, header, unreadable) = ReadRecords(reader, file, "The file is empty; it needs a header line naming person_id and projects.");
        if (unreadable is not null)
        {
            return ([], [unreadable]);
        }

        var problems = new List<PaperBallotProblem>();
        var takesPoints = BallotValidator.TakesPoints(election.BallotKind);
        var person = Column(header, PersonColumn, file, problems);
        var projects = Column(header, ProjectsColumn, file, problems);
        var points = takesPoints ? Column(header, PointsColumn, file, problems) : -1;
        if (!takesPoints && header.Contains(PointsColumn))
        {
            problems.Add(new(file, 1, PointsColumn, $"{BallotValidator.Name(election.BallotKind)} ballots give no points; remove the points column."));
        }

        foreach (var extra in header.Where(h => h is not PersonColumn and not ProjectsColumn and not PointsColumn))
        {
            problems.Add(new(file, 1, extra, $"Unknown column '{extra}'; the columns are {PersonColumn}, {ProjectsColumn}{(takesPoints ? $" and {PointsColumn}" : "")}."));
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var ballots = new List<PaperBallot>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var line = record.Line;
            if (record.Fields.Count != header.Count)
            {
                problems.Add(new(file, line, PersonColumn, $"The row has {record.Fields.Count} fields; the header has {header.Count}."));
                continue;
            }

            var id = record.Fields[person].Trim();
            if (id.Length == 0)
            {
                problems.Add(new(file, line, PersonColumn, "The panelist id is empty."));
            }
            else if (!firstLine.TryAdd(id, line))
            {
                problems.Add(new(file, line, PersonColumn, $"Panelist '{id}' already has a paper ballot on line {firstLine[id]}."));
            }

            var ids = List(record.Fields[projects]);
            IReadOnlyList<long>? given = null;
            if (takesPoints)
            {
                var numbers = new List<long>();
                foreach (var text in List(record.Fields[points]))
                {
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                    {
                        numbers.Add(value);
                    }
                    else
                    {
                        problems.Add(new(file, line, PointsColumn, $"'{text}' is not a whole number of points."));
                    }
                }

                given = numbers;
                if (numbers.Count != List(record.Fields[points]).Count)
                {
                    continue;
                }
            }

            var ballot = new CastBallot(ids, given);
            var invalid = BallotValidator.Validate(election, ballot);
            foreach (var problem in invalid)
            {
                problems.Add(new(file, line, Column(problem.Field), problem.Message));
            }

            if (invalid.Count == 0 && id.Length > 0)
            {
                ballots.Add(new PaperBallot(line, id, ballot));
            }
        }

        return problems.Count > 0 ? ([], problems) : (ballots, []);
    }

    private static int Column(List<string> header, string name, string file, List<PaperBallotProblem> problems)
    {
        var index = header.IndexOf(name);
        if (index < 0)
        {
            problems.Add(new(file, 1, name, $"The header has no column '{name}'."));
        }
        else if (header.LastIndexOf(name) != index)
        {
            problems.Add(new(file, 1, name, $"The header names column '{name}' twice."));
        }

        return index;
    }

    /// <summary>A list cell's entries: separated by <c>;</c> (or <c>,</c> inside quotes), trimmed, empty ones dropped.</summary>
    internal static List<string> List(string cell) =>
        cell.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Column(string field)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? field : field[..bracket];
    }

    /// <summary>
    /// The file's records and its header's column names (trimmed, without a byte-order mark), or the one problem that
    /// stops reading: a CSV syntax error, or an empty file (reported with <paramref name="emptyMessage"/>).
    /// </summary>
    internal static (IReadOnlyList<CsvRecord> Records, List<string> Header, PaperBallotProblem? Problem) ReadRecords(
        TextReader reader, string file, string emptyMessage)
    {
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvReader.ReadAll(reader);
        }
        catch (CsvFormatException e)
        {
            return ([], [], new PaperBallotProblem(file, e.Line, "-", e.Problem));
        }

        return records.Count == 0
            ? ([], [], new PaperBallotProblem(file, 0, PersonColumn, emptyMessage))
            : (records, records[0].Fields.Select(f => f.Trim().TrimStart('\uFEFF')).ToList(), null);
    }
}
