using Budgeting.Randomness;
using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryTypeRoundingTests
{
    // `types` groups of `size` people each (a single feature "g" with one value per group, quotas 0..k, no households):
    // every group is one type of interchangeable people.
    private static Pool GroupedPool(int types, int size, int k)
    {
        var people = "g\n" + string.Concat(Enumerable.Range(0, types * size).Select(i => $"v{i / size}\n"));
        var categories = "category,feature,min,max\n" + string.Concat(Enumerable.Range(0, types).Select(t => $"g,v{t},0,{k}\n"));
        return SortitionTestData.FromText(people, categories, k);
    }

    private static PanelDistribution Distribution(int people, List<int[]> panels, List<double> probabilities)
    {
        var person = new double[people];
        for (var j = 0; j < panels.Count; j++)
        {
            foreach (var i in panels[j])
            {
                person[i] += probabilities[j];
            }
        }

        return new PanelDistribution("test", panels, probabilities, person);
    }

    private static void AssertWithinBound(UniformLottery lottery, int m, int k)
    {
        // The bound the rounding proves (LotteryRounding's remarks): strictly less than (k + 1)/m for every person.
        Assert.That(lottery.Bound, Is.EqualTo((double)(k + 1) / m));
        Assert.That(lottery.Slots, Has.Count.EqualTo(m));
        for (var i = 0; i < lottery.Before.Count; i++)
        {
            Assert.That(Math.Abs(lottery.After(i) - lottery.Before[i]), Is.LessThan((double)(k + 1) / m), $"person {i}");
        }
    }

    [Test]
    public void RoundWithPool_ThreeInterchangeablePeople_EachGetsTheFloorOrCeilingOfTheirShare()
    {
        // Panels {0,1}, {1,2}, {0,2} at 1/3 each: everyone is on 2/3 of panels. Over m = 10 slots the type (one type:
        // the three people are interchangeable) fills 20 seats, so 20/3 = 6.67 each: two people get 7 slots, one gets 6.
        var pool = GroupedPool(1, 3, 2);
        var distribution = Distribution(3, [[0, 1], [1, 2], [0, 2]], [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        var lottery = LotteryRounding.Round(distribution, pool, 10);
        Assert.That(lottery.Selections.Order(), Is.EqualTo(new[] { 6, 7, 7 }));
        Assert.That(lottery.Slots.All(s => s.Length == 2 && s[0] != s[1]), Is.True);
        AssertWithinBound(lottery, 10, 2);
    }

    [Test]
    public void RoundWithPool_PeopleOfOneTypeWithDifferentProbabilities_KeepsTheDistributionsPeople()
    {
        // Four interchangeable people but only {0,1} is ever drawn (probability 1): 0 and 1 have 100%, 2 and 3 have 0%.
        // Rounding at the type level would spread the seats over all four; it must not, so every slot is {0,1}.
        var pool = GroupedPool(1, 4, 2);
        var lottery = LotteryRounding.Round(Distribution(4, [[0, 1]], [1.0]), pool, 10);
        Assert.That(lottery.Slots, Has.All.EqualTo(new[] { 0, 1 }));
        Assert.That(lottery.Selections, Is.EqualTo(new[] { 10, 10, 0, 0 }));
    }

    [Test]
    public void RoundWithPool_UnequalProbabilitiesWithinAType_SplitsTheTypeAndKeepsTheBound()
    {
        // Four interchangeable people; panels {0,1}, {0,3}, {1,3}, {2,3} at 1/4 each give 0 and 1 one half, 2 a quarter
        // and 3 three quarters (like the legacy algorithm's unequal estimates). The type splits into {0,1}, {2} and {3}:
        // 0 and 1 take their subtype's seats in turn, so their counts differ by at most one, and everyone stays within
        // (k + 1)/m = 0.3 of their probability (5 ± 3 slots for 0 and 1, 2.5 ± 3 for 2, 7.5 ± 3 for 3).
        var pool = GroupedPool(1, 4, 2);
        var distribution = Distribution(4, [[0, 1], [0, 3], [1, 3], [2, 3]], [0.25, 0.25, 0.25, 0.25]);
        var lottery = LotteryRounding.Round(distribution, pool, 10);
        AssertWithinBound(lottery, 10, 2);
        Assert.That(Math.Abs(lottery.Selections[0] - lottery.Selections[1]), Is.LessThanOrEqualTo(1), "one subtype, seats in turn");
        Assert.That(lottery.Selections.Sum(), Is.EqualTo(20));
        Assert.That(lottery.Slots.All(s => s.Length == 2 && s[0] != s[1]), Is.True);
    }

    [Test]
    public void RoundWithPool_PanelsOfOne_RoundAtTheTypeLevel()
    {
        // k = 1 (a replacement for one dropout): two groups of three, everyone at 1/6. Each group fills 5 of m = 10 slots,
        // cyclically over its three people: 2, 2, 1 each, within (k + 1)/m = 0.2 of 1/6.
        var pool = GroupedPool(2, 3, 1);
        var distribution = Distribution(6, [.. Enumerable.Range(0, 6).Select(i => new[] { i })], [.. Enumerable.Repeat(1.0 / 6, 6)]);
        var lottery = LotteryRounding.Round(distribution, pool, 10);
        AssertWithinBound(lottery, 10, 1);
        Assert.That(lottery.Selections.Take(3).Sum(), Is.EqualTo(5));
        Assert.That(lottery.Selections.Skip(3).Sum(), Is.EqualTo(5));
        Assert.That(lottery.Selections, Has.All.InRange(1, 2));
    }

    [TestCase("a", 3, 5, 4, 40, 7)]
    [TestCase("b", 4, 3, 6, 60, 50)]
    [TestCase("c", 5, 6, 5, 25, 1000)]
    [TestCase("d", 2, 7, 3, 80, 13)]
    public void RoundWithPool_RandomTypePanels_EveryoneWithinTheBoundAndEverySlotKeepsATypeCount(string seed, int types, int size, int k, int count, int m)
    {
        // Random type panels (a count per group summing to k, each count ≤ the group's size), each expanded into its
        // `size` cyclic rotations with equal weight, so everyone in a group has the same probability before rounding.
        var pool = GroupedPool(types, size, k);
        var stream = new SeededStream(seed);
        var panels = new List<int[]>();
        var probabilities = new List<double>();
        var typeCounts = new HashSet<string>();
        for (var j = 0; j < count; j++)
        {
            var counts = new int[types];
            for (var seat = 0; seat < k; seat++)
            {
                int t;
                do
                {
                    t = (int)stream.NextBelow((ulong)types);
                }
                while (counts[t] == size);
                counts[t]++;
            }

            typeCounts.Add(string.Join(',', counts));
            var weight = 1 + stream.NextBelow(1000);
            for (var r = 0; r < size; r++)
            {
                var panel = new List<int>();
                for (var t = 0; t < types; t++)
                {
                    panel.AddRange(Enumerable.Range(0, counts[t]).Select(c => t * size + (r + c) % size));
                }

                panels.Add([.. panel.Order()]);
                probabilities.Add(weight);
            }
        }

        var total = probabilities.Sum();
        var distribution = Distribution(types * size, panels, [.. probabilities.Select(p => p / total)]);
        var lottery = LotteryRounding.Round(distribution, pool, m);
        AssertWithinBound(lottery, m, k);
        foreach (var slot in lottery.Slots)
        {
            Assert.That(slot.Distinct().Count(), Is.EqualTo(k));
            var counts = Enumerable.Range(0, types).Select(t => slot.Count(i => i / size == t));
            Assert.That(typeCounts, Does.Contain(string.Join(',', counts)), "a slot's type counts come from a panel of the distribution");
        }

        Assert.That(LotteryRounding.Round(distribution, pool, m).Slots, Is.EqualTo(lottery.Slots), "deterministic");
    }

    [Test]
    public void ExampleLarge200_LeximinDraw_CompletesEveryoneAtTenPercentAndEveryPanelValid()
    {
        // Flanigan et al. (Nature 2021), example_large_200: leximin gives all 2,000 people 200/2,000 = 10%. The draw
        // pipeline (as DrawCommand runs it) rounds to m = 1,000 slots; each person moves by less than (200 + 1)/1,000.
        var pool = SortitionTestData.LoadPaperInstance("example_large_200", 200);
        var distribution = new Leximin().Select(pool, 200);
        var lottery = LotteryRounding.Round(distribution, pool, 1000);
        for (var i = 0; i < pool.People.Count; i++)
        {
            Assert.That(distribution.PersonProbabilities[i], Is.EqualTo(0.1).Within(0.001), $"person {i}");
            Assert.That(lottery.Before[i], Is.EqualTo(0.1).Within(0.001), $"person {i}");
        }

        AssertWithinBound(lottery, 1000, 200);
        foreach (var slot in lottery.Slots.Distinct(PanelComparer.Instance))
        {
            Assert.That(PanelCheck.Violations(pool, slot, 200), Is.Empty);
        }
    }
}
