namespace Budgeting.Formats.Pabulib;

/// <summary>How <see cref="PabulibReader"/> reads a file.</summary>
public sealed record PabulibReadOptions
{
    /// <summary>The default options: count out-of-limit ballots, keep voters, list at most 20 warnings of each kind.</summary>
    public static PabulibReadOptions Default { get; } = new();

    /// <summary>What to do with a ballot outside the declared limits (<c>min_length</c>, <c>max_length</c>, <c>max_sum_cost</c>, <c>min_sum_points</c>, <c>max_sum_points</c>, <c>min_points</c>, <c>max_points</c>). Default <see cref="InvalidBallotHandling.Count"/>.</summary>
    public InvalidBallotHandling InvalidBallots { get; init; } = InvalidBallotHandling.Count;

    /// <summary>Keep every voter (id, ballot, extra columns) in <see cref="PabulibFile.Voters"/> so that the file can be written back. Turn off to read faster and use less memory when only the profile is needed. Default on.</summary>
    public bool KeepVoters { get; init; } = true;

    /// <summary>How many detailed warnings of one kind (out-of-limit ballot, repeated project in a ballot, …) to keep; further ones are only counted, and one summary warning gives the exact total. Default 20.</summary>
    public int MaxWarningsPerKind { get; init; } = 20;
}
