namespace Budgeting.Tallying;

/// <summary>One criterion of a tie-breaking order.</summary>
public enum TieBreakCriterion
{
    /// <summary>The cheaper project wins (<c>min-cost</c>).</summary>
    MinCost,

    /// <summary>The project with more votes wins (<c>max-votes</c>): approvals, or for point ballots the number of voters who gave it points.</summary>
    MaxVotes,

    /// <summary>The project whose id comes first wins (<c>id</c>): numeric ids by value, others by ordinal text order.</summary>
    ProjectId,

    /// <summary>A seeded lottery (<c>lottery</c>): projects are shuffled by the published seed's stream and the earlier one wins.</summary>
    Lottery,
}
