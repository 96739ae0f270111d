using Budgeting.Arithmetic;
using Budgeting.Randomness;
using Budgeting.Tallying.Allocation;

namespace Budgeting.Core.Tests.Tallying.Allocation;

/// <summary>Small allocation votes written out by hand, and seeded random ones.</summary>
internal static class AllocationFixtures
{
    public static IAllocationRule[] AllRules => [new IndependentMarkets(), new PiecewiseUniform(), new MedianAllocation(), new MeanAllocation()];

    /// <summary>An election over areas "a0", "a1", … with the given budget, and ballots "v1", "v2", … in order.</summary>
    public static (AllocationElection Election, AllocationBallot[] Ballots) Vote(long budget, params long[][] proposals)
    {
        var areas = Enumerable.Range(0, proposals[0].Length).Select(j => "a" + j).ToArray();
        var ballots = proposals.Select((p, i) => new AllocationBallot("v" + (i + 1), p)).ToArray();
        return (new AllocationElection(areas, budget), ballots);
    }

    public static Rational[] Shares(params string[] fractions) => fractions.Select(Rational.Parse).ToArray();

    /// <summary>A random proposal: <paramref name="areas"/> non-negative amounts adding up to <paramref name="budget"/>.</summary>
    public static long[] RandomProposal(SeededStream random, int areas, long budget)
    {
        // Coarse proposals (multiples of a tenth of the budget) make ties and zeros common.
        var step = random.NextBelow(3) == 0 ? budget / 10 : 1;
        var units = budget / step;
        var cuts = new long[areas + 1];
        cuts[areas] = units;
        for (var j = 1; j < areas; j++)
        {
            cuts[j] = (long)random.NextBelow((ulong)units + 1);
        }

        Array.Sort(cuts, 1, areas - 1);
        var proposal = new long[areas];
        for (var j = 0; j < areas; j++)
        {
            proposal[j] = (cuts[j + 1] - cuts[j]) * step;
        }

        proposal[(int)random.NextBelow((ulong)areas)] += budget - (units * step);
        return proposal;
    }

    /// <summary>The l1 distance between exact shares and a proposal of whole amounts, as a share of the budget.</summary>
    public static Rational Distance(IReadOnlyList<Rational> shares, IReadOnlyList<long> proposal, long budget)
    {
        var sum = Rational.Zero;
        for (var j = 0; j < shares.Count; j++)
        {
            var difference = shares[j] - new Rational(proposal[j], budget);
            sum += difference.Sign < 0 ? -difference : difference;
        }

        return sum;
    }
}
