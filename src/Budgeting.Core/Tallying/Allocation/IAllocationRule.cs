namespace Budgeting.Tallying.Allocation;

/// <summary>A rule that aggregates panelists' proposed allocations into one allocation of the budget.</summary>
public interface IAllocationRule
{
    /// <summary>The rule's name, as the CLI and the reports spell it (for example <c>independent-markets</c>).</summary>
    string Name { get; }

    /// <summary>Aggregates the ballots; every ballot must be valid (see <see cref="AllocationBallotValidator"/>).</summary>
    /// <exception cref="ArgumentException">There are no ballots, or a ballot does not fit the election.</exception>
    AllocationOutcome Allocate(AllocationElection election, IReadOnlyList<AllocationBallot> ballots);
}
