namespace Budgeting.Tallying.Allocation;

/// <summary>Checks and reshapes ballots for the rules: one array of amounts per area.</summary>
internal static class AllocationInput
{
    /// <summary>Each area's amounts in ballot order.</summary>
    /// <exception cref="ArgumentException">No ballots, or a ballot with the wrong number of amounts, a negative amount or a total other than the budget.</exception>
    public static long[][] Columns(AllocationElection election, IReadOnlyList<AllocationBallot> ballots)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(ballots);
        if (ballots.Count == 0)
        {
            throw new ArgumentException("There are no ballots to aggregate.", nameof(ballots));
        }

        var m = election.Areas.Count;
        var columns = new long[m][];
        for (var j = 0; j < m; j++)
        {
            columns[j] = new long[ballots.Count];
        }

        for (var i = 0; i < ballots.Count; i++)
        {
            var amounts = ballots[i].Amounts;
            if (amounts.Count != m)
            {
                throw new ArgumentException($"Ballot of '{ballots[i].VoterId}' has {amounts.Count} amounts; there are {m} areas.", nameof(ballots));
            }

            long total = 0;
            for (var j = 0; j < m; j++)
            {
                var amount = amounts[j];
                if (amount < 0 || amount > election.Budget)
                {
                    throw new ArgumentException($"Ballot of '{ballots[i].VoterId}' gives area '{election.Areas[j]}' {amount}, outside [0, {election.Budget}].", nameof(ballots));
                }

                columns[j][i] = amount;
                total += amount;
            }

            if (total != election.Budget)
            {
                throw new ArgumentException($"Ballot of '{ballots[i].VoterId}' adds up to {total}, not the budget {election.Budget}.", nameof(ballots));
            }
        }

        return columns;
    }

    /// <summary>The first ballot (in input order) whose amount for <paramref name="area"/> is <paramref name="amount"/>.</summary>
    public static string FirstVoterWith(IReadOnlyList<AllocationBallot> ballots, int area, long amount)
    {
        foreach (var ballot in ballots)
        {
            if (ballot.Amounts[area] == amount)
            {
                return ballot.VoterId;
            }
        }

        throw new InvalidOperationException($"No ballot reports {amount}; this is a bug.");
    }
}
