using System.Globalization;
using System.Numerics;
using Budgeting.Arithmetic;

namespace Budgeting.Tallying.Allocation;

/// <summary>
/// Everything the allocation reports show: the outcome with its explanations, the mean of the proposals and the
/// outcome's l1 distance from it (a measure of proportionality, Caragiannis et al. 2022), each panelist's l1 distance
/// to the outcome, the spread of the proposals per area, and warnings (an outcome outside a floor or ceiling).
/// </summary>
/// <param name="Outcome">The rule's outcome.</param>
/// <param name="Source">The input's name (a file name), if any.</param>
/// <param name="Floors">Each area's floor.</param>
/// <param name="Ceilings">Each area's ceiling.</param>
/// <param name="Panelists">How many ballots were aggregated.</param>
/// <param name="MeanFractions">The mean proposal, as exact shares of the budget.</param>
/// <param name="DistanceFromMean">The l1 distance between the outcome and the mean, in currency units (exact).</param>
/// <param name="Distances">Each panelist's l1 distance to the outcome, in ballot order.</param>
/// <param name="Spreads">Each area's spread of proposals.</param>
/// <param name="Warnings">Sentences for people: areas whose amount is outside their floor or ceiling.</param>
public sealed record AllocationReport(
    AllocationOutcome Outcome,
    string? Source,
    IReadOnlyList<long> Floors,
    IReadOnlyList<long> Ceilings,
    int Panelists,
    IReadOnlyList<Rational> MeanFractions,
    Rational DistanceFromMean,
    IReadOnlyList<PanelistDistance> Distances,
    IReadOnlyList<AreaSpread> Spreads,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Builds the report of <paramref name="outcome"/>, which a rule computed from these ballots.</summary>
    public static AllocationReport Create(AllocationElection election, IReadOnlyList<AllocationBallot> ballots, AllocationOutcome outcome, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var columns = AllocationInput.Columns(election, ballots);
        var budget = election.Budget;
        var m = columns.Length;
        var means = MeanAllocation.Means(columns, budget);
        var fromMean = Rational.Zero;
        for (var j = 0; j < m; j++)
        {
            fromMean += Abs(outcome.Fractions[j] - means[j]) * budget;
        }

        var spreads = new AreaSpread[m];
        for (var j = 0; j < m; j++)
        {
            var column = (long[])columns[j].Clone();
            Array.Sort(column);
            spreads[j] = new AreaSpread(election.Areas[j], column[0], Rank(column, 1, 4), Rank(column, 1, 2), Rank(column, 3, 4), column[^1]);
        }

        var warnings = new List<string>();
        for (var j = 0; j < m; j++)
        {
            var amount = outcome.Amounts[j];
            if (amount < election.Floors[j])
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Area '{election.Areas[j]}' gets {amount}, below its floor {election.Floors[j]}."));
            }
            else if (amount > election.Ceilings[j])
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Area '{election.Areas[j]}' gets {amount}, above its ceiling {election.Ceilings[j]}."));
            }
        }

        return new AllocationReport(outcome, source, election.Floors, election.Ceilings, ballots.Count, means, fromMean,
            PanelistDistances(ballots, columns, outcome.Fractions, budget), spreads, warnings);
    }

    private static long Rank(long[] sorted, int numerator, int denominator)
    {
        // ⌈q·n⌉-th smallest, 1-based.
        var rank = ((numerator * (long)sorted.Length) + denominator - 1) / denominator;
        return sorted[Math.Max(0, rank - 1)];
    }

    private static Rational Abs(Rational x) => x.Sign < 0 ? -x : x;

    private static PanelistDistance[] PanelistDistances(IReadOnlyList<AllocationBallot> ballots, long[][] columns, IReadOnlyList<Rational> fractions, long budget)
    {
        // With L the least common denominator of the outcome's amounts f_j·B, X_j = f_j·B·L is an integer and panelist
        // i's distance is Σ_j |X_j − a_ij·L| / L: integer arithmetic per panelist.
        var exact = fractions.Select(f => f * budget).ToArray();
        var common = BigInteger.One;
        foreach (var x in exact)
        {
            common = common / BigInteger.GreatestCommonDivisor(common, x.Denominator) * x.Denominator;
        }

        var scaled = exact.Select(x => x.Numerator * (common / x.Denominator)).ToArray();
        var result = new PanelistDistance[ballots.Count];
        var small = (BigInteger)budget * common * columns.Length < BigInteger.Pow(2, 120);
        for (var i = 0; i < ballots.Count; i++)
        {
            BigInteger sum;
            if (small)
            {
                Int128 total = 0;
                var l = (Int128)common;
                for (var j = 0; j < columns.Length; j++)
                {
                    total += Int128.Abs((Int128)scaled[j] - (columns[j][i] * l));
                }

                sum = (BigInteger)total;
            }
            else
            {
                sum = BigInteger.Zero;
                for (var j = 0; j < columns.Length; j++)
                {
                    sum += BigInteger.Abs(scaled[j] - (columns[j][i] * common));
                }
            }

            result[i] = new PanelistDistance(ballots[i].VoterId, new Rational(sum, common));
        }

        return result;
    }
}
