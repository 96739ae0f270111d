using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Runs a moving phantom mechanism (Freeman, Pennock, Peters, Wortman Vaughan, "Truthful aggregation of budget
/// proposals", JET 2021, arXiv 1905.00457): each report is read as shares of the budget; for each area the outcome is
/// the median of the n reports and the n + 1 phantom values f_0(t*) ≥ … ≥ f_n(t*), at the t* where these medians add
/// up to 1.
/// </summary>
internal static class MovingPhantom
{
    public static AllocationOutcome Allocate(string name, PhantomSystem system, AllocationElection election, IReadOnlyList<AllocationBallot> ballots)
    {
        var columns = AllocationInput.Columns(election, ballots);
        foreach (var column in columns)
        {
            Array.Sort(column);
        }

        var (time, counts, medians) = new MovingPhantomSolver(system, columns, election.Budget).Solve();
        var explanations = new AreaExplanation[columns.Length];
        for (var j = 0; j < columns.Length; j++)
        {
            var area = election.Areas[j];
            explanations[j] = (counts[j] & 1) == 0
                ? new AreaExplanation(area, AreaValueSource.Phantom, medians[j], Phantom: counts[j] >> 1)
                : new AreaExplanation(area, AreaValueSource.Report, medians[j], VoterId: AllocationInput.FirstVoterWith(ballots, j, columns[j][counts[j] >> 1]));
        }

        return new AllocationOutcome(name, election.Areas, election.Budget, medians, LargestRemainder.Round(medians, election.Budget), explanations, time, []);
    }
}
