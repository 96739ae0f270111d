using System.Numerics;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// The coordinate-wise median, rescaled: each area's median proposal (with an even number of panelists, the average of
/// the two middle proposals), then every median divided by their sum so that the areas add up to the budget. When every
/// median is 0 it falls back to the mean. A baseline: the medians alone do not add up to the budget, and the rescaling
/// makes it manipulable.
/// </summary>
public sealed class MedianAllocation : IAllocationRule
{
    /// <inheritdoc/>
    public string Name => "median";

    /// <inheritdoc/>
    public AllocationOutcome Allocate(AllocationElection election, IReadOnlyList<AllocationBallot> ballots)
    {
        var columns = AllocationInput.Columns(election, ballots);
        var m = columns.Length;
        var medians = new Rational[m];
        var sum = Rational.Zero;
        for (var j = 0; j < m; j++)
        {
            var column = columns[j];
            Array.Sort(column);
            var n = column.Length;
            BigInteger twice = (n & 1) == 1 ? 2 * (BigInteger)column[n / 2] : (BigInteger)column[(n / 2) - 1] + column[n / 2];
            medians[j] = new Rational(twice, 2 * (BigInteger)election.Budget);
            sum += medians[j];
        }

        if (sum.IsZero)
        {
            var means = MeanAllocation.Means(columns, election.Budget);
            var meanExplanations = election.Areas.Select((area, j) => new AreaExplanation(area, AreaValueSource.Mean, means[j])).ToArray();
            return new AllocationOutcome(Name, election.Areas, election.Budget, means, LargestRemainder.Round(means, election.Budget), meanExplanations, null,
                ["Every area's median proposal is 0, so the outcome falls back to the mean."]);
        }

        var fractions = medians.Select(x => x / sum).ToArray();
        var explanations = election.Areas.Select((area, j) => new AreaExplanation(area, AreaValueSource.Median, medians[j])).ToArray();
        return new AllocationOutcome(Name, election.Areas, election.Budget, fractions, LargestRemainder.Round(fractions, election.Budget), explanations, null, []);
    }
}
