using System.Globalization;
using Budgeting.Formats.Csv;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Elections;

/// <summary>
/// Reads paper allocation ballots as CSV (RFC 4180): a header naming <c>person_id</c> and every area of the election
/// (by area id, in any order), then one row per paper ballot with a whole amount (smallest currency unit) per area.
/// Every ballot is checked with <see cref="AllocationBallotValidator"/>, as an online one is, and every problem is
/// reported with its file, line and column, so that an import is all or nothing. For a hierarchical budget the header
/// also names <c>projects</c>: the ids of the projects the panelist approves in any area, as a list cell of the project
/// ballot format (<c>a;c;r2</c>), each checked with <see cref="BallotValidator"/> against the areas' projects.
/// </summary>
public static class PaperAllocationBallotReader
{
    /// <summary>
    /// Reads every paper allocation ballot in <paramref name="reader"/>. The ballots are returned only when there are
    /// no problems; otherwise the list of ballots is empty and every problem found is returned, in line order.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="file">The file's name, for the problems.</param>
    /// <param name="election">The allocation vote.</param>
    /// <param name="projects">For a hierarchical budget: every area's projects, approval ballots without limits (then the
    /// <c>projects</c> column is required); null for a plain allocation vote.</param>
    public static (IReadOnlyList<PaperAllocationBallot> Ballots, IReadOnlyList<PaperBallotProblem> Problems) Read(
        TextReader reader, string file, AllocationElection election, Election? projects = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(election);
        var person = PaperBallotReader.PersonColumn;
        var (records, header, unreadable) = PaperBallotReader.ReadRecords(reader, file, $"The file is empty; it needs a header line naming {person} and every area.");
        if (unreadable is not null)
        {
            return ([], [unreadable]);
        }

        var problems = new List<PaperBallotProblem>();
        var projectsColumnName = PaperBallotReader.ProjectsColumn;
        var required = projects is null ? election.Areas.Prepend(person) : election.Areas.Prepend(person).Append(projectsColumnName);
        foreach (var name in required)
        {
            if (!header.Contains(name))
            {
                problems.Add(new(file, 1, name, $"The header has no column '{name}'."));
            }
            else if (header.IndexOf(name) != header.LastIndexOf(name))
            {
                problems.Add(new(file, 1, name, $"The header names column '{name}' twice."));
            }
        }

        foreach (var extra in header.Where(h => h != person && election.IndexOf(h) < 0 && (projects is null || h != projectsColumnName)))
        {
            problems.Add(new(file, 1, extra, projects is null
                ? $"Unknown column '{extra}'; the columns are {person} and the areas {string.Join(", ", election.Areas)}."
                : $"Unknown column '{extra}'; the columns are {person}, the areas {string.Join(", ", election.Areas)} and {projectsColumnName}."));
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var personColumn = header.IndexOf(person);
        var areaColumns = election.Areas.Select(a => header.IndexOf(a)).ToArray();
        var projectsColumn = projects is null ? -1 : header.IndexOf(projectsColumnName);
        var ballots = new List<PaperAllocationBallot>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var line = record.Line;
            if (record.Fields.Count != header.Count)
            {
                problems.Add(new(file, line, person, $"The row has {record.Fields.Count} fields; the header has {header.Count}."));
                continue;
            }

            var id = record.Fields[personColumn].Trim();
            if (id.Length > 0 && !firstLine.TryAdd(id, line))
            {
                problems.Add(new(file, line, person, $"Panelist '{id}' already has a paper ballot on line {firstLine[id]}."));
            }

            var amounts = new long[areaColumns.Length];
            var readable = true;
            for (var j = 0; j < areaColumns.Length; j++)
            {
                var text = record.Fields[areaColumns[j]].Trim();
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amounts[j]))
                {
                    problems.Add(new(file, line, election.Areas[j], $"'{text}' is not a whole amount."));
                    readable = false;
                }
            }

            List<string>? approved = null;
            var approvable = true;
            if (projects is not null)
            {
                approved = PaperBallotReader.List(record.Fields[projectsColumn]);
                foreach (var problem in BallotValidator.Validate(projects, new CastBallot(approved)))
                {
                    problems.Add(new(file, line, projectsColumnName, problem.Message));
                    approvable = false;
                }
            }

            if (!readable)
            {
                continue;
            }

            var ballot = new AllocationBallot(id, amounts);
            var invalid = AllocationBallotValidator.Validate(election, ballot);
            foreach (var problem in invalid)
            {
                var column = problem.Field == AllocationBallotValidator.VoterIdField ? person : problem.Field;
                problems.Add(new(file, line, column, Sentence(problem.Message)));
            }

            if (invalid.Count == 0 && approvable)
            {
                ballots.Add(new PaperAllocationBallot(line, ballot, approved));
            }
        }

        return problems.Count > 0 ? ([], problems) : (ballots, []);
    }

    private static string Sentence(string fragment) =>
        fragment.Length == 0 ? fragment : char.ToUpperInvariant(fragment[0]) + fragment[1..] + (fragment.EndsWith('.') ? "" : ".");
}
