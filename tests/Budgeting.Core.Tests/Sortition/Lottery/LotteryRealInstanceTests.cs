using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class LotteryRealInstanceTests
{
    // Independent of PanelCheck: counts every value on the panel and compares with the quotas; households distinct.
    private static void AssertValid(Pool pool, int[] panel, int size)
    {
        Assert.That(panel, Has.Length.EqualTo(size));
        Assert.That(panel.Distinct().Count(), Is.EqualTo(size));
        for (var f = 0; f < pool.Features.Count; f++)
        {
            for (var v = 0; v < pool.Features[f].Values.Count; v++)
            {
                var count = panel.Count(i => pool.People[i].ValueIndices[f] == v);
                Assert.That(count, Is.InRange(pool.Features[f].Values[v].Min, pool.Features[f].Values[v].Max), $"{pool.Features[f].Name}={pool.Features[f].Values[v].Name}");
            }
        }

        var households = panel.Select(i => pool.People[i].Household).OfType<string>().ToArray();
        Assert.That(households.Distinct().Count(), Is.EqualTo(households.Length), "one per household");
    }

    [Test]
    public void ExampleSmall20_LeximinLottery_EveryPanelIsValidAndEveryoneStaysNearTenPercent()
    {
        var pool = SortitionTestData.LoadPaperInstance("example_small_20", 20);
        var lottery = LotteryRounding.Round(new Leximin().Select(pool, 20), pool, 1000);
        Assert.That(lottery.Slots, Has.Count.EqualTo(1000));
        foreach (var slot in lottery.Slots.Distinct(PanelComparer.Instance))
        {
            AssertValid(pool, slot, 20);
        }

        // The paper: leximin gives all 200 people 10% (20 seats / 200 people). Rounding moves each by less than 21/1000.
        for (var i = 0; i < pool.People.Count; i++)
        {
            Assert.That(lottery.Before[i], Is.EqualTo(0.1).Within(0.001));
            Assert.That(Math.Abs(lottery.After(i) - lottery.Before[i]), Is.LessThan(21.0 / 1000));
        }
    }

    [Test]
    public void SfFixture_LeximinLottery_EveryPanelRespectsQuotasAndHouseholds()
    {
        var pool = SortitionTestData.LoadSfFixture(22);
        var lottery = LotteryRounding.Round(new Leximin().Select(pool, 22), pool, 1000);
        Assert.That(lottery.Slots, Has.Count.EqualTo(1000));
        foreach (var slot in lottery.Slots.Distinct(PanelComparer.Instance))
        {
            AssertValid(pool, slot, 22);
        }

        Assert.That(lottery.MaxChange, Is.LessThan(23.0 / 1000));
    }
}
