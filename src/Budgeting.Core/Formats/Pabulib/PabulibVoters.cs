using System.Globalization;

namespace Budgeting.Formats.Pabulib;

/// <summary>
/// The voters of a Pabulib file, one per row of its VOTES section, in file order: each voter's id, the
/// index of their ballot in the file's <see cref="Elections.Profile"/>, and their other columns
/// (<c>age</c>, <c>sex</c>, <c>neighborhood</c>, …), so that the file can be written back. Immutable.
/// </summary>
public sealed class PabulibVoters
{
    private readonly string?[] ids;
    private readonly long[]? numbers;
    private readonly int[] ballots;
    private readonly int[] rows;
    private readonly string?[][] distinctRows;
    private readonly bool[] extra;

    /// <summary>Creates the voter table.</summary>
    /// <param name="columns">The VOTES columns in file order, lower-cased; must include <c>voter_id</c> and <c>vote</c>.</param>
    /// <param name="ids">Each voter's id.</param>
    /// <param name="ballots">Each voter's ballot: an index into the profile's distinct ballots.</param>
    /// <param name="values">Per voter, values parallel to <paramref name="columns"/>; entries for <c>voter_id</c>, <c>vote</c> and <c>points</c> are ignored (the profile holds them). A <see langword="null"/> value means missing.</param>
    /// <exception cref="ArgumentException">The lengths disagree or a required column is absent.</exception>
    public PabulibVoters(IReadOnlyList<string> columns, IReadOnlyList<string> ids, IReadOnlyList<int> ballots, IReadOnlyList<IReadOnlyList<string?>> values)
        : this(
            [.. columns ?? throw new ArgumentNullException(nameof(columns))],
            [.. ids ?? throw new ArgumentNullException(nameof(ids))],
            null,
            [.. ballots ?? throw new ArgumentNullException(nameof(ballots))],
            Enumerable.Range(0, ids.Count).ToArray(),
            (values ?? throw new ArgumentNullException(nameof(values))).Select(v => v.ToArray()).ToArray())
    {
    }

    /// <summary>
    /// The reader's compact form. A voter's id is <paramref name="ids"/>[v], or, when that is null or
    /// <paramref name="ids"/> is empty (every id numeric), <paramref name="numbers"/>[v] in decimal. A voter's extra values are <paramref name="distinctRows"/>[<paramref name="rows"/>[v]],
    /// since many voters share the same age, sex and so on.
    /// </summary>
    internal PabulibVoters(string[] columns, string?[] ids, long[]? numbers, int[] ballots, int[] rows, string?[][] distinctRows)
    {
        var count = ballots.Length;
        if ((ids.Length != count && !(ids.Length == 0 && numbers is not null)) || rows.Length != count || (numbers is not null && numbers.Length != count))
        {
            throw new ArgumentException("Voter ids, ballots and values must have one entry per voter.", nameof(ids));
        }

        if (distinctRows.Any(r => r.Length != columns.Length))
        {
            throw new ArgumentException("Each voter's values must be parallel to the columns.", nameof(distinctRows));
        }

        if (!columns.Contains(PabulibReader.VoterIdColumn) || !columns.Contains(PabulibReader.VoteColumn))
        {
            throw new ArgumentException("The columns must include voter_id and vote.", nameof(columns));
        }

        for (var v = 0; v < ids.Length && numbers is null; v++)
        {
            if (ids[v] is null)
            {
                throw new ArgumentException($"Voter {v} has no id.", nameof(ids));
            }
        }

        Columns = columns;
        this.ids = ids;
        this.numbers = numbers;
        this.ballots = ballots;
        this.rows = rows;
        this.distinctRows = distinctRows;
        extra = columns.Select(c => c is not (PabulibReader.VoterIdColumn or PabulibReader.VoteColumn or PabulibReader.PointsColumn)).ToArray();
    }

    /// <summary>The VOTES columns in file order, lower-cased, including <c>voter_id</c>, <c>vote</c> and, when present, <c>points</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of voters.</summary>
    public int Count => ballots.Length;

    /// <summary>The id of voter <paramref name="voter"/> (0-based, file order).</summary>
    public string Id(int voter) => (ids.Length == 0 ? null : ids[voter]) ?? numbers![voter].ToString(CultureInfo.InvariantCulture);

    /// <summary>The index, in the profile, of the distinct ballot that voter <paramref name="voter"/> cast.</summary>
    public int Ballot(int voter) => ballots[voter];

    /// <summary>
    /// The value of an extra column (not <c>voter_id</c>, <c>vote</c> or <c>points</c>) for a voter,
    /// or <see langword="null"/> when missing (<c>none</c> or empty), or when the column does not exist.
    /// </summary>
    public string? Value(int voter, string column)
    {
        var c = IndexOfColumn(column);
        return c < 0 ? null : Value(voter, c);
    }

    /// <summary>The value in column <paramref name="column"/> (an index into <see cref="Columns"/>), or <see langword="null"/> when missing or held by the profile.</summary>
    public string? Value(int voter, int column) => extra[column] ? distinctRows[rows[voter]][column] : null;

    /// <summary>The index of a column in <see cref="Columns"/> (case-insensitive), or -1.</summary>
    public int IndexOfColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Whether column <paramref name="column"/> is held in this table (true) or is carried by the profile (<c>voter_id</c>, <c>vote</c>, <c>points</c>).</summary>
    public bool IsExtraColumn(int column) => extra[column];
}
