using Budgeting.Randomness;
using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryRoundingTests
{
    private static PanelDistribution Distribution(int people, int[][] panels, double[] probabilities)
    {
        var person = new double[people];
        for (var j = 0; j < panels.Length; j++)
        {
            foreach (var i in panels[j])
            {
                person[i] += probabilities[j];
            }
        }

        return new PanelDistribution("test", panels, probabilities, person);
    }

    // A random distribution: `count` random panels of size k from n people, with random weights normalised to 1.
    private static PanelDistribution RandomDistribution(string seed, int n, int k, int count)
    {
        var stream = new SeededStream(seed);
        var panels = new int[count][];
        var weights = new double[count];
        for (var j = 0; j < count; j++)
        {
            var people = Enumerable.Range(0, n).ToArray();
            stream.Shuffle(people.AsSpan());
            panels[j] = people.Take(k).Order().ToArray();
            weights[j] = 1 + stream.NextBelow(1_000_000);
        }

        var total = weights.Sum();
        return Distribution(n, panels, weights.Select(w => w / total).ToArray());
    }

    private static void AssertWithinBound(UniformLottery lottery, int m, int k)
    {
        // The claimed bound, from the Beck–Fiala argument in LotteryRounding's remarks: strictly less than (k + 1)/m.
        Assert.That(lottery.Bound, Is.EqualTo((double)(k + 1) / m));
        for (var i = 0; i < lottery.Before.Count; i++)
        {
            Assert.That(Math.Abs(lottery.After(i) - lottery.Before[i]), Is.LessThan((double)(k + 1) / m), $"person {i}");
        }
    }

    [Test]
    public void Round_ProbabilitiesAlreadyMultiplesOfOneOverM_KeepsThemExactly()
    {
        // 3/10, 5/10 and 2/10 of 10 slots: 3, 5 and 2 slots, no rounding needed.
        var distribution = Distribution(4, [[0, 1], [1, 2], [2, 3]], [0.3, 0.5, 0.2]);
        var lottery = LotteryRounding.RoundPeople(distribution, 10);
        Assert.That(lottery.M, Is.EqualTo(10));
        var counts = lottery.Slots.GroupBy(s => string.Join(',', s)).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EquivalentTo(new Dictionary<string, int> { ["0,1"] = 3, ["1,2"] = 5, ["2,3"] = 2 }));
        // Person 1 is on panels 1 and 2: 8 of 10 slots.
        Assert.That(lottery.Selections, Is.EqualTo(new[] { 3, 8, 7, 2 }));
        Assert.That(lottery.MaxChange, Is.LessThan(1e-12));
    }

    [Test]
    public void Round_ThreeThirdsOverTenSlots_RoundsOneUpAndStaysWithinTheBound()
    {
        // Each panel deserves 10/3 = 3.33 slots: two get 3 and one gets 4 (total 10).
        var distribution = Distribution(6, [[0, 1], [2, 3], [4, 5]], [1 / 3.0, 1 / 3.0, 1 / 3.0]);
        var lottery = LotteryRounding.RoundPeople(distribution, 10);
        Assert.That(lottery.Slots, Has.Count.EqualTo(10));
        var counts = lottery.Slots.GroupBy(s => string.Join(',', s)).Select(g => g.Count()).Order().ToArray();
        Assert.That(counts, Is.EqualTo(new[] { 3, 3, 4 }));
        AssertWithinBound(lottery, 10, 2);
    }

    [Test]
    public void Round_SlotsAreSortedPanelsFromTheDistribution()
    {
        var distribution = Distribution(6, [[4, 5], [0, 1], [2, 3]], [0.25, 0.25, 0.5]);
        var lottery = LotteryRounding.RoundPeople(distribution, 8);
        Assert.That(lottery.Slots.Select(s => string.Join(',', s)),
            Is.EqualTo(new[] { "0,1", "0,1", "2,3", "2,3", "2,3", "2,3", "4,5", "4,5" }));
    }

    [TestCase("a", 30, 5, 40, 1000)]
    [TestCase("b", 200, 20, 150, 1000)]
    [TestCase("c", 12, 4, 300, 50)]
    [TestCase("d", 50, 10, 500, 37)]
    public void Round_RandomDistributions_CountsSumToMAndEveryChangeIsWithinTheBound(string seed, int n, int k, int panels, int m)
    {
        var distribution = RandomDistribution(seed, n, k, panels);
        var lottery = LotteryRounding.RoundPeople(distribution, m);
        Assert.That(lottery.Slots, Has.Count.EqualTo(m));
        Assert.That(lottery.Selections.Sum(), Is.EqualTo(m * k));
        Assert.That(lottery.Slots, Has.All.Length.EqualTo(k));
        AssertWithinBound(lottery, m, k);
    }

    [Test]
    public void Round_SameDistributionTwice_GivesTheSameLottery()
    {
        var first = LotteryRounding.RoundPeople(RandomDistribution("same", 40, 6, 120), 1000);
        var second = LotteryRounding.RoundPeople(RandomDistribution("same", 40, 6, 120), 1000);
        Assert.That(second.Slots.Select(s => string.Join(',', s)), Is.EqualTo(first.Slots.Select(s => string.Join(',', s))));
        Assert.That(second.Selections, Is.EqualTo(first.Selections));
    }

    [Test]
    public void Round_PanelOrderInTheDistribution_DoesNotMatter()
    {
        int[][] panels = [[0, 1], [1, 2], [0, 2], [2, 3]];
        double[] probabilities = [0.17, 0.29, 0.31, 0.23];
        var forward = LotteryRounding.RoundPeople(Distribution(4, panels, probabilities), 7);
        var backward = LotteryRounding.RoundPeople(Distribution(4, [.. panels.Reverse()], [.. probabilities.Reverse()]), 7);
        Assert.That(backward.Selections, Is.EqualTo(forward.Selections));
    }

    [Test]
    public void Round_ScaledDistributionIsNormalised_NegativeProbabilityIsRejected()
    {
        var distribution = Distribution(4, [[0, 1], [2, 3]], [0.5, 0.2]);
        // The rounding normalises by the total, so a distribution that is merely scaled is fine ...
        Assert.That(LotteryRounding.RoundPeople(distribution, 10).Slots, Has.Count.EqualTo(10));
        // ... but a negative probability is not.
        Assert.Throws<ArgumentException>(() => LotteryRounding.RoundPeople(Distribution(4, [[0, 1], [2, 3]], [1.5, -0.5]), 10));
    }
}
