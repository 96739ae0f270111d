using Budgeting.Arithmetic;
using Budgeting.Randomness;
using Budgeting.Tallying.Allocation;
using static Budgeting.Core.Tests.Tallying.Allocation.AllocationFixtures;

namespace Budgeting.Core.Tests.Tallying.Allocation;

/// <summary>
/// Truthfulness under l1 preferences: a panelist measures an outcome by its l1 distance (of exact shares) to their true
/// proposal. A seeded search over random votes of up to 40 panelists and 8 areas tries thousands of misreports per rule:
/// random proposals, everything in one area, and small shifts of the true proposal (a tenth, or one unit, moved from one
/// area to another). Moving phantom mechanisms are truthful (Freeman et al. 2021), so none may bring the
/// outcome closer; the mean is not, and the same search must find a misreport that does.
/// </summary>
public sealed class TruthfulnessTests
{
    private const int Instances = 40;
    private const int MisreportsPerInstance = 80;

    private static (int Tried, int Improving, string? Example) Search(IAllocationRule rule, string seed)
    {
        var random = new SeededStream(seed);
        var tried = 0;
        var improving = 0;
        string? example = null;
        for (var instance = 0; instance < Instances; instance++)
        {
            var n = 2 + (int)random.NextBelow(39);     // 2 … 40 panelists
            var m = 2 + (int)random.NextBelow(7);      // 2 … 8 areas
            var budget = random.NextBelow(2) == 0 ? 100L : 1009L;
            var proposals = Enumerable.Range(0, n).Select(_ => RandomProposal(random, m, budget)).ToArray();
            var liar = (int)random.NextBelow((ulong)n);
            var truth = proposals[liar];
            var (election, ballots) = Vote(budget, proposals);
            var honest = Distance(rule.Allocate(election, ballots).Fractions, truth, budget);
            for (var attempt = 0; attempt < MisreportsPerInstance; attempt++)
            {
                var lie = Misreport(random, truth, budget, attempt);
                if (lie.SequenceEqual(truth))
                {
                    continue;
                }

                ballots[liar] = new AllocationBallot(ballots[liar].VoterId, lie);
                var distance = Distance(rule.Allocate(election, ballots).Fractions, truth, budget);
                tried++;
                if (distance < honest)
                {
                    improving++;
                    example ??= $"panelist {liar + 1} of {n}, truth ({string.Join(", ", truth)}), lie ({string.Join(", ", lie)}): {honest} -> {distance}";
                }
            }

            ballots[liar] = new AllocationBallot(ballots[liar].VoterId, truth);
        }

        return (tried, improving, example);
    }

    private static long[] Misreport(SeededStream random, long[] truth, long budget, int attempt)
    {
        var m = truth.Length;
        switch (attempt % 4)
        {
            case 0:
                return RandomProposal(random, m, budget);
            case 1:
            {
                var lie = new long[m];
                lie[(int)random.NextBelow((ulong)m)] = budget;
                return lie;
            }

            default:
            {
                var lie = (long[])truth.Clone();
                var from = (int)random.NextBelow((ulong)m);
                var to = (int)random.NextBelow((ulong)m);
                var shift = Math.Min(lie[from], attempt % 4 == 2 ? budget / 10 : 1);
                lie[from] -= shift;
                lie[to] += shift;
                return lie;
            }
        }
    }

    [TestCase("independent-markets")]
    [TestCase("piecewise-uniform")]
    public void MovingPhantom_ThousandsOfMisreports_NoneBringsTheOutcomeCloser(string name)
    {
        var (tried, improving, example) = Search(AllocationRules.Create(name), "truthfulness " + name);
        Assert.That(tried, Is.GreaterThanOrEqualTo(2500));
        Assert.That(improving, Is.Zero, example);
    }

    [Test]
    public void Mean_SameSearch_FindsAManipulation()
    {
        var (tried, improving, _) = Search(new MeanAllocation(), "truthfulness mean");
        Assert.That(tried, Is.GreaterThanOrEqualTo(2500));
        Assert.That(improving, Is.GreaterThan(0));
    }

    // By hand: truths (60, 40) and (20, 80). The mean is (40, 60), at distance 40 from the first panelist's truth
    // (0.2 + 0.2 = 0.4 of the budget). Reporting (100, 0) moves the mean to (60, 40), exactly their truth: distance 0.
    [Test]
    public void Mean_ExaggeratingTowardsTheFavouredArea_Pays()
    {
        var (election, ballots) = Vote(100, [60, 40], [20, 80]);
        var mean = new MeanAllocation();
        var honest = Distance(mean.Allocate(election, ballots).Fractions, [60, 40], 100);
        ballots[0] = new AllocationBallot("v1", [100, 0]);
        var lying = Distance(mean.Allocate(election, ballots).Fractions, [60, 40], 100);
        Assert.That(honest, Is.EqualTo(new Rational(2, 5)));
        Assert.That(lying, Is.EqualTo(Rational.Zero));
    }
}
