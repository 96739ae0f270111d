using System.Globalization;
using Budgeting.Elections;
using Budgeting.Tallying.Metrics;
using Budgeting.Tallying.Rules;

namespace Budgeting.Tallying.Reports;

/// <summary>Computes the voter metrics of an outcome (<see cref="VoterMetricsCalculator"/>, <see cref="EjrUpToOne"/>) as report rows.</summary>
internal static class VoterMetricRows
{
    /// <summary>
    /// The share of voters with no funded project, average satisfaction and its Gini coefficient (by number and by cost of
    /// funded projects), and, for approval and choose-1 ballots, the EJR-up-to-one checks with cardinality and cost utilities.
    /// </summary>
    public static IReadOnlyList<ReportMetric> Compute(Election election, Profile profile, Outcome outcome)
    {
        var m = VoterMetricsCalculator.Compute(election, profile, outcome);
        var rows = new List<ReportMetric>
        {
            new("noFundedProjectShare", "share of voters with no funded project", m.ShareWithNoFundedProject,
                Detail: string.Create(CultureInfo.InvariantCulture, $"{m.VotersWithNoFundedProject} of {m.VoterCount} voters")),
            new("averageCardinalitySatisfaction", "average number of funded projects per voter", m.AverageCardinalitySatisfaction),
            new("giniCardinalitySatisfaction", "Gini coefficient of the number of funded projects per voter", m.GiniCardinalitySatisfaction),
            new("averageCostSatisfaction", "average cost of a voter's funded projects", m.AverageCostSatisfaction),
            new("averageCostSatisfactionShare", "that average as a share of the budget", m.AverageCostSatisfactionShare),
            new("giniCostSatisfaction", "Gini coefficient of the cost of each voter's funded projects", m.GiniCostSatisfaction),
        };
        if (election.BallotKind is BallotKind.Approval or BallotKind.ChooseOne)
        {
            rows.Add(Ejr("ejrUpToOneCardinality", "EJR up to one project (cardinality utilities)", EjrUpToOne.Check(election, profile, outcome, Utility.Cardinality)));
            rows.Add(Ejr("ejrUpToOneCost", "EJR up to one project (cost utilities)", EjrUpToOne.Check(election, profile, outcome, Utility.Cost)));
        }

        return rows;
    }

    private static ReportMetric Ejr(string key, string label, EjrUpToOneResult result)
    {
        var detail = result.Scope;
        if (result.WitnessProjectIds is { } witness)
        {
            detail += string.Create(
                CultureInfo.InvariantCulture,
                $"; violated for projects {OutcomeReport.Join(witness)}: {result.WitnessGroupSize} voters approve them all, and {result.WitnessRequiredSize} would be enough to deserve them");
        }

        return new ReportMetric(key, label, Holds: result.Satisfied, Detail: detail);
    }
}
