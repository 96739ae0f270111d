namespace Budgeting.Elections;

/// <summary>
/// The ballots of an election in compact form. Identical ballots are merged into one entry with a
/// multiplicity; the project indices of all entries sit in one contiguous array, as do their points.
/// Build one with <see cref="ProfileBuilder"/>. A profile is immutable.
/// </summary>
public sealed class Profile
{
    private readonly int[] offsets;
    private readonly int[] projects;
    private readonly int[]? points;
    private readonly long[] multiplicities;

    internal Profile(int projectCount, int[] offsets, int[] projects, int[]? points, long[] multiplicities, long voterCount)
    {
        ProjectCount = projectCount;
        this.offsets = offsets;
        this.projects = projects;
        this.points = points;
        this.multiplicities = multiplicities;
        VoterCount = voterCount;
    }

    /// <summary>How many projects the ballots may refer to (indices run from 0 to this minus one).</summary>
    public int ProjectCount { get; }

    /// <summary>How many distinct ballots there are.</summary>
    public int BallotCount => multiplicities.Length;

    /// <summary>How many voters there are: the sum of all multiplicities.</summary>
    public long VoterCount { get; }

    /// <summary>Whether ballots carry points (cumulative, scoring).</summary>
    public bool HasPoints => points is not null;

    /// <summary>The project indices on distinct ballot <paramref name="ballot"/>; in rank order for ordinal ballots, ascending otherwise.</summary>
    public ReadOnlySpan<int> Projects(int ballot) => projects.AsSpan(offsets[ballot], offsets[ballot + 1] - offsets[ballot]);

    /// <summary>The points parallel to <see cref="Projects(int)"/>, or an empty span when ballots carry no points.</summary>
    public ReadOnlySpan<int> Points(int ballot) => points is null ? default : points.AsSpan(offsets[ballot], offsets[ballot + 1] - offsets[ballot]);

    /// <summary>How many voters cast distinct ballot <paramref name="ballot"/>.</summary>
    public long Multiplicity(int ballot) => multiplicities[ballot];

    /// <summary>All project entries, ballot after ballot, for hot loops inside Core. Must not be modified.</summary>
    internal int[] EntryArray => projects;

    /// <summary>Where each distinct ballot's entries start in <see cref="EntryArray"/> (BallotCount + 1 values). Must not be modified.</summary>
    internal int[] OffsetArray => offsets;

    /// <summary>The total number of project entries over distinct ballots.</summary>
    public int EntryCount => projects.Length;
}
