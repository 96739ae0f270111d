using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// The mean: each area gets the average of the panelists' proposals for it. Proportional, but not truthful: a panelist
/// who exaggerates (everything in the area they favour most) drags the outcome toward their proposal.
/// </summary>
public sealed class MeanAllocation : IAllocationRule
{
    /// <inheritdoc/>
    public string Name => "mean";

    /// <inheritdoc/>
    public AllocationOutcome Allocate(AllocationElection election, IReadOnlyList<AllocationBallot> ballots)
    {
        var columns = AllocationInput.Columns(election, ballots);
        var fractions = Means(columns, election.Budget);
        var explanations = election.Areas.Select((area, j) => new AreaExplanation(area, AreaValueSource.Mean, fractions[j])).ToArray();
        return new AllocationOutcome(Name, election.Areas, election.Budget, fractions, LargestRemainder.Round(fractions, election.Budget), explanations, null, []);
    }

    /// <summary>Each column's mean, as a share of <paramref name="budget"/>.</summary>
    internal static Rational[] Means(long[][] columns, long budget)
    {
        var fractions = new Rational[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            Int128 sum = 0;
            foreach (var amount in columns[j])
            {
                sum += amount;
            }

            fractions[j] = new Rational((System.Numerics.BigInteger)sum, (System.Numerics.BigInteger)budget * columns[j].Length);
        }

        return fractions;
    }
}
