using Budgeting.Arithmetic;
using Budgeting.Randomness;
using Budgeting.Tallying.Allocation;
using static Budgeting.Core.Tests.Tallying.Allocation.AllocationFixtures;

namespace Budgeting.Core.Tests.Tallying.Allocation;

/// <summary>
/// Compares the fast solver with a slow, independent reading of the definition on random small votes: list every time
/// at which some phantom meets some report (or bends), sort them, evaluate the sum of the medians (each median found by
/// sorting all 2n + 1 values) at each, and interpolate linearly between the last time below 1 and the first at or above.
/// </summary>
public sealed class MovingPhantomReferenceTests
{
    // Independent Markets as the paper writes it, with the cap.
    private static Rational IndependentMarketsPhantom(int n, int k, Rational t) => Rational.Min(t * (n - k), Rational.One);

    // Piecewise Uniform as docs/rules.md writes it, phantom k at position j/n, j = n − k.
    private static Rational PiecewiseUniformPhantom(int n, int k, Rational t)
    {
        var position = new Rational(n - k, n);
        var half = new Rational(1, 2);
        if (t <= half)
        {
            return t * 2 * Rational.Max(Rational.Zero, (position * 2) - 1);
        }

        return position <= half ? position * ((t * 2) - 1) : Rational.One - ((Rational.One - position) * (3 - (t * 2)));
    }

    private static Rational[] Medians(long[][] proposals, long budget, Func<int, int, Rational, Rational> phantom, Rational t)
    {
        var n = proposals.Length;
        var m = proposals[0].Length;
        var medians = new Rational[m];
        for (var j = 0; j < m; j++)
        {
            var values = proposals.Select(p => new Rational(p[j], budget)).Concat(Enumerable.Range(0, n + 1).Select(k => phantom(n, k, t))).ToList();
            values.Sort();
            medians[j] = values[n];
        }

        return medians;
    }

    private static Rational Sum(IEnumerable<Rational> values) => values.Aggregate(Rational.Zero, (a, b) => a + b);

    private static Rational[] Reference(long[][] proposals, long budget, Func<int, int, Rational, Rational> phantom)
    {
        var n = proposals.Length;
        var times = new SortedSet<Rational> { Rational.Zero, new Rational(1, 2), Rational.One };
        for (var k = 0; k < n; k++)
        {
            times.Add(new Rational(1, n - k));
        }

        // Every phantom is linear between the bends above; where it meets a report value r, add that time. Found by
        // bisection-free algebra: on each bend interval [a, b], f(t) = f(a) + (t − a)(f(b) − f(a))/(b − a).
        var bends = times.ToArray();
        foreach (var r in proposals.SelectMany(p => p).Distinct().Select(x => new Rational(x, budget)))
        {
            for (var k = 0; k <= n; k++)
            {
                for (var b = 0; b + 1 < bends.Length; b++)
                {
                    var (t0, t1) = (bends[b], bends[b + 1]);
                    var (f0, f1) = (phantom(n, k, t0), phantom(n, k, t1));
                    if (f0 != f1 && ((f0 <= r && r <= f1) || (f1 <= r && r <= f0)))
                    {
                        times.Add(t0 + ((r - f0) * (t1 - t0) / (f1 - f0)));
                    }
                }
            }
        }

        var previous = Rational.Zero;
        foreach (var t in times)
        {
            var sum = Sum(Medians(proposals, budget, phantom, t));
            if (sum >= Rational.One)
            {
                var before = Sum(Medians(proposals, budget, phantom, previous));
                var at = sum == Rational.One || t == previous ? t : previous + ((Rational.One - before) * (t - previous) / (sum - before));
                return Medians(proposals, budget, phantom, at);
            }

            previous = t;
        }

        throw new InvalidOperationException("no t* found");
    }

    [TestCase("independent-markets")]
    [TestCase("piecewise-uniform")]
    public void Allocate_RandomSmallVotes_MatchesTheSlowReference(string rule)
    {
        var random = new SeededStream("allocation reference " + rule);
        Func<int, int, Rational, Rational> phantom = rule == "independent-markets" ? IndependentMarketsPhantom : PiecewiseUniformPhantom;
        for (var instance = 0; instance < 150; instance++)
        {
            var n = 1 + (int)random.NextBelow(9);
            var m = 2 + (int)random.NextBelow(4);
            var budget = random.NextBelow(2) == 0 ? 10L : 997L;
            var proposals = Enumerable.Range(0, n).Select(_ => RandomProposal(random, m, budget)).ToArray();
            var (election, ballots) = Vote(budget, proposals);
            var outcome = AllocationRules.Create(rule).Allocate(election, ballots);
            var expected = Reference(proposals, budget, phantom);
            Assert.That(outcome.Fractions, Is.EqualTo(expected), () => $"instance {instance}: " + string.Join(" | ", proposals.Select(p => string.Join(",", p))));
            Assert.That(Sum(outcome.Fractions), Is.EqualTo(Rational.One));
            Assert.That(outcome.Amounts.Sum(), Is.EqualTo(budget));
        }
    }
}
