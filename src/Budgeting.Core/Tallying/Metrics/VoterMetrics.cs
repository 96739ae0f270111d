using System.Globalization;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Metrics;

/// <summary>
/// How an outcome treats the voters, counted over every voter (identical ballots weigh by their multiplicity).
/// A voter's funded projects are the funded projects their ballot names (with positive points, for point ballots).
/// </summary>
/// <param name="VoterCount">The number of voters, n.</param>
/// <param name="VotersWithNoFundedProject">Voters none of whose projects is funded.</param>
/// <param name="ShareWithNoFundedProject">That number divided by n.</param>
/// <param name="AverageCardinalitySatisfaction">The mean number of funded projects per voter.</param>
/// <param name="GiniCardinalitySatisfaction">The Gini coefficient of the number of funded projects per voter.</param>
/// <param name="AverageCostSatisfaction">The mean over voters of the total cost of their funded projects, in currency units.</param>
/// <param name="AverageCostSatisfactionShare">That mean divided by the budget.</param>
/// <param name="GiniCostSatisfaction">The Gini coefficient of the total cost of each voter's funded projects.</param>
public sealed record VoterMetrics(
    long VoterCount,
    long VotersWithNoFundedProject,
    Rational ShareWithNoFundedProject,
    Rational AverageCardinalitySatisfaction,
    Rational GiniCardinalitySatisfaction,
    Rational AverageCostSatisfaction,
    Rational AverageCostSatisfactionShare,
    Rational GiniCostSatisfaction)
{
    /// <summary>The metrics as short lines for a report, values rounded for display (the exact values are the properties).</summary>
    public IReadOnlyList<string> Describe() =>
    [
        Invariant($"voters with no funded project: {VotersWithNoFundedProject} of {VoterCount} ({Percent(ShareWithNoFundedProject)})"),
        Invariant($"average number of funded projects per voter: {Decimal(AverageCardinalitySatisfaction)}; Gini {Decimal(GiniCardinalitySatisfaction)}"),
        Invariant($"average cost of a voter's funded projects: {Decimal(AverageCostSatisfaction)} ({Percent(AverageCostSatisfactionShare)} of the budget); Gini {Decimal(GiniCostSatisfaction)}"),
    ];

    private static string Percent(Rational value) => (value.ToDouble() * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private static string Decimal(Rational value) => value.ToDouble().ToString("0.####", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
