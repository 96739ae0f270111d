namespace Budgeting.Formats.Pabulib;

/// <summary>
/// The voters of a Pabulib file, one per row of its VOTES section, in file order: each voter's id, the
/// index of their ballot in the file's <see cref="Elections.Profile"/>, and their other columns
/// (<c>age</c>, <c>sex</c>, <c>neighborhood</c>, …), so that the file can be written back. Immutable.
/// </summary>
public sealed class PabulibVoters
{
    private readonly string[] ids;
    private readonly int[] ballots;
    private readonly string?[]?[] values;

    /// <summary>Creates the voter table.</summary>
    /// <param name="columns">The VOTES columns in file order, lower-cased; must include <c>voter_id</c> and <c>vote</c>.</param>
    /// <param name="ids">Each voter's id.</param>
    /// <param name="ballots">Each voter's ballot: an index into the profile's distinct ballots.</param>
    /// <param name="values">Per column (parallel to <paramref name="columns"/>), each voter's value, or <see langword="null"/> for the columns the profile holds (<c>voter_id</c>, <c>vote</c>, <c>points</c>). A <see langword="null"/> value means missing.</param>
    /// <exception cref="ArgumentException">The lengths disagree or a required column is absent.</exception>
    public PabulibVoters(IReadOnlyList<string> columns, IReadOnlyList<string> ids, IReadOnlyList<int> ballots, IReadOnlyList<IReadOnlyList<string?>?> values)
        : this(
            [.. columns ?? throw new ArgumentNullException(nameof(columns))],
            [.. ids ?? throw new ArgumentNullException(nameof(ids))],
            [.. ballots ?? throw new ArgumentNullException(nameof(ballots))],
            (values ?? throw new ArgumentNullException(nameof(values))).Select(v => v is null ? null : v.ToArray()).ToArray())
    {
    }

    internal PabulibVoters(string[] columns, string[] ids, int[] ballots, string?[]?[] values)
    {
        if (ids.Length != ballots.Length || values.Length != columns.Length || values.Any(v => v is not null && v.Length != ids.Length))
        {
            throw new ArgumentException("Voter ids, ballots and column values must have matching lengths.", nameof(values));
        }

        if (!columns.Contains(PabulibReader.VoterIdColumn) || !columns.Contains(PabulibReader.VoteColumn))
        {
            throw new ArgumentException("The columns must include voter_id and vote.", nameof(columns));
        }

        Columns = columns;
        this.ids = ids;
        this.ballots = ballots;
        this.values = values;
    }

    /// <summary>The VOTES columns in file order, lower-cased, including <c>voter_id</c>, <c>vote</c> and, when present, <c>points</c>.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of voters.</summary>
    public int Count => ids.Length;

    /// <summary>The id of voter <paramref name="voter"/> (0-based, file order).</summary>
    public string Id(int voter) => ids[voter];

    /// <summary>The index, in the profile, of the distinct ballot that voter <paramref name="voter"/> cast.</summary>
    public int Ballot(int voter) => ballots[voter];

    /// <summary>
    /// The value of an extra column (not <c>voter_id</c>, <c>vote</c> or <c>points</c>) for a voter,
    /// or <see langword="null"/> when missing (<c>none</c> or empty), or when the column does not exist.
    /// </summary>
    public string? Value(int voter, string column)
    {
        var c = IndexOfColumn(column);
        return c < 0 ? null : values[c]?[voter];
    }

    /// <summary>The value in column <paramref name="column"/> (an index into <see cref="Columns"/>), or <see langword="null"/> when missing or held by the profile.</summary>
    public string? Value(int voter, int column) => values[column]?[voter];

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
    public bool IsExtraColumn(int column) => values[column] is not null;
}
