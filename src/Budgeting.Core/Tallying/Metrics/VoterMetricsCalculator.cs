using System.Numerics;
using Budgeting.Arithmetic;
using Budgeting.Elections;

namespace Budgeting.Tallying.Metrics;

/// <summary>Computes <see cref="VoterMetrics"/> exactly, in time linear in the profile plus sorting the distinct satisfaction values.</summary>
public static class VoterMetricsCalculator
{
    /// <summary>The voter metrics of <paramref name="outcome"/>.</summary>
    public static VoterMetrics Compute(Election election, Profile profile, Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(outcome);
        var funded = new bool[election.Projects.Count];
        foreach (var p in outcome.Selected)
        {
            funded[p] = true;
        }

        var byCount = new Dictionary<long, long>();
        var byCost = new Dictionary<long, long>();
        long none = 0;
        for (var b = 0; b < profile.BallotCount; b++)
        {
            var projects = profile.Projects(b);
            var points = profile.Points(b);
            long count = 0, cost = 0;
            for (var i = 0; i < projects.Length; i++)
            {
                if (funded[projects[i]] && (points.IsEmpty || points[i] > 0))
                {
                    count++;
                    cost += election.Projects[projects[i]].Cost;
                }
            }

            var multiplicity = profile.Multiplicity(b);
            if (count == 0)
            {
                none += multiplicity;
            }

            byCount[count] = byCount.GetValueOrDefault(count) + multiplicity;
            byCost[cost] = byCost.GetValueOrDefault(cost) + multiplicity;
        }

        var n = profile.VoterCount;
        if (n == 0)
        {
            return new VoterMetrics(0, 0, Rational.Zero, Rational.Zero, Rational.Zero, Rational.Zero, Rational.Zero, Rational.Zero);
        }

        var averageCost = Mean(byCost, n);
        return new VoterMetrics(
            n,
            none,
            new Rational(none, n),
            Mean(byCount, n),
            Gini(byCount),
            averageCost,
            election.Budget == 0 ? Rational.Zero : averageCost / election.Budget,
            Gini(byCost));
    }

    /// <summary>
    /// The Gini coefficient of a distribution given as value → number of voters:
    /// G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ) over all ordered pairs of voters, with n voters and mean μ (the population
    /// form, without the n/(n−1) correction). With the distinct values sorted ascending and weights w, this is
    /// Σₖ wₖ xₖ (W_below(k) − W_above(k)) / (n · Σₖ wₖ xₖ). It is 0 when every voter has the same value,
    /// including when all have 0.
    /// </summary>
    public static Rational Gini(IReadOnlyDictionary<long, long> distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var values = distribution.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        BigInteger total = 0, weightedSum = 0;
        foreach (var (value, weight) in values)
        {
            total += weight;
            weightedSum += (BigInteger)value * weight;
        }

        if (weightedSum.IsZero)
        {
            return Rational.Zero;
        }

        BigInteger below = 0, numerator = 0;
        foreach (var (value, weight) in values)
        {
            var above = total - below - weight;
            numerator += (BigInteger)value * weight * (below - above);
            below += weight;
        }

        return new Rational(numerator, total * weightedSum);
    }

    private static Rational Mean(Dictionary<long, long> distribution, long n)
    {
        BigInteger sum = 0;
        foreach (var (value, weight) in distribution)
        {
            sum += (BigInteger)value * weight;
        }

        return new Rational(sum, n);
    }
}
