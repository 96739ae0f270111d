namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Checks an allocation ballot against its election and names every problem by field, so that a form can show each
/// next to its input and a file reader can report the first one with its line.
/// </summary>
public static class AllocationBallotValidator
{
    /// <summary>The field name used for the voter id.</summary>
    public const string VoterIdField = "voter_id";

    /// <summary>The field name used for the sum of the amounts.</summary>
    public const string TotalField = "total";

    /// <summary>
    /// Every problem of <paramref name="ballot"/>, in field order (voter id, areas in order, total); empty when it is
    /// valid: a non-empty voter id, one amount per area, no negative amount, each amount within its area's floor and
    /// ceiling, and the amounts adding up to exactly the budget.
    /// </summary>
    public static IReadOnlyList<AllocationBallotProblem> Validate(AllocationElection election, AllocationBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(ballot);
        var problems = new List<AllocationBallotProblem>();
        if (string.IsNullOrWhiteSpace(ballot.VoterId))
        {
            problems.Add(new(VoterIdField, "the voter id is empty"));
        }

        if (ballot.Amounts is null || ballot.Amounts.Count != election.Areas.Count)
        {
            problems.Add(new(TotalField, $"{ballot.Amounts?.Count ?? 0} amounts given; there are {election.Areas.Count} areas"));
            return problems;
        }

        long total = 0;
        var overflow = false;
        for (var j = 0; j < election.Areas.Count; j++)
        {
            var amount = ballot.Amounts[j];
            var area = election.Areas[j];
            if (amount < 0)
            {
                problems.Add(new(area, $"amount {amount} is negative"));
            }
            else if (amount < election.Floors[j])
            {
                problems.Add(new(area, $"amount {amount} is below the area's floor {election.Floors[j]}"));
            }
            else if (amount > election.Ceilings[j])
            {
                problems.Add(new(area, $"amount {amount} is above the area's ceiling {election.Ceilings[j]}"));
            }

            overflow |= amount > 0 && total > long.MaxValue - amount;
            total = overflow ? total : total + amount;
        }

        if (overflow || total != election.Budget)
        {
            var sum = overflow ? "more than the largest whole number" : total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            problems.Add(new(TotalField, $"the amounts add up to {sum}, not the budget {election.Budget}"));
        }

        return problems;
    }
}
