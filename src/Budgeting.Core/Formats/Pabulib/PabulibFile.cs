using System.Globalization;
using Budgeting.Elections;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// One Pabulib election as read from a file: the <see cref="Election"/> and <see cref="Profile"/> the rules
/// need, plus everything else the file held (META rows, extra project columns, voters with their extra
/// columns) so that <see cref="PabulibWriter"/> can write it back.
/// </summary>
/// <remarks>
/// The record's generated equality compares the collections by reference; use
/// <see cref="StructurallyEquals"/> or <see cref="FindDifference"/> to compare two files by content.
/// </remarks>
public sealed record PabulibFile
{
    private IReadOnlyList<int?>? selected;

    /// <summary>The file name given to the reader; warnings and errors name it.</summary>
    public required string FileName { get; init; }

    /// <summary>The projects, budget, ballot kind, limits, rule and score threshold.</summary>
    public required Election Election { get; init; }

    /// <summary>The ballots, identical ones merged.</summary>
    public required Profile Profile { get; init; }

    /// <summary>The META rows in file order, keys lower-cased, values as written (a missing value is <c>none</c> or empty).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Meta { get; init; }

    /// <summary>The PROJECTS columns in file order, lower-cased, including <c>project_id</c> and <c>cost</c>.</summary>
    public required IReadOnlyList<string> ProjectColumns { get; init; }

    /// <summary>
    /// Per project (in <see cref="Election"/> order), its values parallel to <see cref="ProjectColumns"/> as written
    /// (trimmed; <see langword="null"/> when missing). The writer takes <c>project_id</c>, <c>cost</c>, <c>name</c>,
    /// <c>category</c> and <c>target</c> from <see cref="Election"/> instead.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<string?>> ProjectRows { get; init; }

    /// <summary>The voters in file order, or <see langword="null"/> when read with <see cref="PabulibReadOptions.KeepVoters"/> off.</summary>
    public PabulibVoters? Voters { get; init; }

    /// <summary>What the reader tolerated, in file order, then summaries of capped kinds.</summary>
    public IReadOnlyList<PabulibWarning> Warnings { get; init; } = [];

    /// <summary>How many voters cast a ballot outside the declared limits (exact, however many warnings were kept).</summary>
    public long OutOfLimitBallots { get; init; }

    /// <summary>How many voters' ballots named some project more than once (counted once; exact).</summary>
    public long BallotsWithRepeatedProjects { get; init; }

    /// <summary>Per project index, the file's <c>selected</c> value (the official outcome, usually 1 or 0), or <see langword="null"/> when the column is absent or the value missing.</summary>
    public IReadOnlyList<int?> Selected => selected ??= ComputeSelected();

    /// <summary>
    /// A file for an election that was not read from one (for example to export a generated election): no voters
    /// (the writer numbers them 1, 2, 3…), project columns <c>project_id</c> and <c>cost</c> plus <c>name</c>,
    /// <c>category</c> and <c>target</c> when some project has them, and the given META rows (the writer adds
    /// <c>budget</c>, <c>vote_type</c>, the limits and the rule from the election).
    /// </summary>
    public static PabulibFile FromElection(Election election, Profile profile, IEnumerable<KeyValuePair<string, string>>? meta = null, string fileName = "election.pb")
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.ProjectCount != election.Projects.Count)
        {
            throw new ArgumentException($"The profile is over {profile.ProjectCount} projects but the election has {election.Projects.Count}.", nameof(profile));
        }

        var columns = new List<string> { "project_id", "cost" };
        if (election.Projects.Any(p => p.Name is not null))
        {
            columns.Add("name");
        }

        if (election.Projects.Any(p => p.Category is not null))
        {
            columns.Add("category");
        }

        if (election.Projects.Any(p => p.Target is not null))
        {
            columns.Add("target");
        }

        return new PabulibFile
        {
            FileName = fileName,
            Election = election,
            Profile = profile,
            Meta = meta?.Select(m => new KeyValuePair<string, string>(m.Key.ToLowerInvariant(), m.Value)).ToArray() ?? [],
            ProjectColumns = columns,
            ProjectRows = election.Projects.Select(p => (IReadOnlyList<string?>)new string?[columns.Count]).ToArray(),
        };
    }

    /// <summary>The value of META key <paramref name="key"/> (case-insensitive; the first when repeated), or <see langword="null"/> when absent, empty or <c>none</c>.</summary>
    public string? MetaValue(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var (k, v) in Meta)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
            {
                return PabulibText.IsMissing(v) ? null : v;
            }
        }

        return null;
    }

    /// <summary>The value of column <paramref name="column"/> (case-insensitive) for project <paramref name="project"/>, or <see langword="null"/> when missing or absent.</summary>
    public string? ProjectValue(int project, string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var c = 0; c < ProjectColumns.Count; c++)
        {
            if (string.Equals(ProjectColumns[c], column, StringComparison.OrdinalIgnoreCase))
            {
                var row = ProjectRows[project];
                return c < row.Count ? row[c] : null;
            }
        }

        return null;
    }

    /// <summary>Whether two files hold the same election: see <see cref="FindDifference"/>.</summary>
    public bool StructurallyEquals(PabulibFile other) => FindDifference(other) is null;

    /// <summary>
    /// Compares two files by content: projects (id, cost, name, category, target and every other column),
    /// budget, ballot kind, limits, rule, score threshold, META rows, the profile's distinct ballots with
    /// their multiplicities (in any order), and the voters (ids, ballots, extra columns) when both kept them.
    /// File names and warnings are not compared.
    /// </summary>
    /// <returns><see langword="null"/> when equal, otherwise a description of the first difference found.</returns>
    public string? FindDifference(PabulibFile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return PabulibComparison.FindDifference(this, other);
    }

    private int?[] ComputeSelected()
    {
        var result = new int?[Election.Projects.Count];
        var column = -1;
        for (var c = 0; c < ProjectColumns.Count; c++)
        {
            if (string.Equals(ProjectColumns[c], "selected", StringComparison.OrdinalIgnoreCase))
            {
                column = c;
                break;
            }
        }

        if (column < 0)
        {
            return result;
        }

        for (var p = 0; p < result.Length && p < ProjectRows.Count; p++)
        {
            var row = ProjectRows[p];
            var text = column < row.Count ? row[column] : null;
            if (text is not null && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == decimal.Truncate(value))
            {
                result[p] = (int)value;
            }
        }

        return result;
    }
}
