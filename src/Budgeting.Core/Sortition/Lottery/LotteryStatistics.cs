using MathNet.Numerics.Distributions;

namespace Budgeting.Sortition.Lottery;

/// <summary>Summary statistics for the lottery report (doubles: they describe, they decide nothing).</summary>
public static class LotteryStatistics
{
    /// <summary>
    /// The Gini coefficient of <paramref name="values"/>: Σ_i Σ_j |x_i − x_j| / (2 n² mean), computed on the sorted values as
    /// Σ_i (2i − n − 1) x_(i) / (n Σ x) (i from 1). 0 when all are equal (or all zero), approaching 1 when one person has everything.
    /// </summary>
    public static double Gini(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        var total = values.Sum();
        if (n == 0 || total <= 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        var weighted = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }

        return weighted / (n * total);
    }

    /// <summary>
    /// Pearson's chi-square goodness-of-fit test of <paramref name="observed"/> counts against <paramref name="shares"/>
    /// (expected count = total × share). Values with share 0 are left out (unless observed there, which makes the
    /// statistic infinite). Degrees of freedom: the number of values kept minus 1. The p-value is the upper tail of the
    /// chi-square distribution (MathNet.Numerics <see cref="ChiSquared"/>); NaN when there is under one degree of freedom.
    /// </summary>
    public static (double Statistic, int DegreesOfFreedom, double PValue) ChiSquare(IReadOnlyList<int> observed, IReadOnlyList<double> shares)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(shares);
        var total = observed.Sum();
        var statistic = 0.0;
        var kept = 0;
        for (var v = 0; v < observed.Count; v++)
        {
            var expected = total * shares[v];
            if (expected > 0)
            {
                statistic += (observed[v] - expected) * (observed[v] - expected) / expected;
                kept++;
            }
            else if (observed[v] > 0)
            {
                statistic = double.PositiveInfinity;
            }
        }

        var df = kept - 1;
        if (df < 1)
        {
            return (statistic, df, double.NaN);
        }

        var p = double.IsPositiveInfinity(statistic) ? 0 : 1 - ChiSquared.CDF(df, statistic);
        return (statistic, df, p);
    }
}
