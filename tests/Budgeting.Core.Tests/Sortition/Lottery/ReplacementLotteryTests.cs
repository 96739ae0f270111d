using Budgeting.Sortition;
using Budgeting.Sortition.Lottery;
using Budgeting.Sortition.Selection;

namespace Budgeting.Core.Tests.Sortition.Lottery;

public sealed class ReplacementLotteryTests
{
    // Panels of 2: one woman (f) and one man (m). w2 shares household B with m1; w4 shares household E with m5.
    private static readonly Pool Pool = new(
        [new Feature("gender", [new FeatureValue("f", 1, 1), new FeatureValue("m", 1, 1)])],
        [
            new Person("w1", [0], "A"), new Person("m1", [1], "B"), new Person("w2", [0], "B"),
            new Person("w3", [0], "C"), new Person("w4", [0], "E"), new Person("m5", [1], "E"),
        ]);

    [Test]
    public void Create_WomanDropsOut_EverySlotIsTheOnlyWomanOutsideTheKeptHousehold()
    {
        // Panel {w1, m1}; w1 drops out. Candidates: not on the panel and not in m1's household B, so w3, w4, m5; the
        // residual quotas are f 1..1, m 0..0, so a set is one of {w3}, {w4}. LEXIMIN gives each 1/2, so 10 slots split 5/5.
        var (plan, lottery) = ReplacementLottery.Create(Pool, [0, 1], [0], new Leximin(), 10);
        Assert.That(plan.Kept, Is.EqualTo(new[] { 1 }));
        Assert.That(plan.Candidates, Is.EqualTo(new[] { 3, 4, 5 }));
        Assert.That(lottery.M, Is.EqualTo(10));
        Assert.That(lottery.Slots.Count(s => s.SequenceEqual([3])), Is.EqualTo(5));
        Assert.That(lottery.Slots.Count(s => s.SequenceEqual([4])), Is.EqualTo(5));
        Assert.That(ReplacementLottery.Panel(plan, [4]), Is.EqualTo(new[] { 1, 4 }));
    }

    [Test]
    public void Create_DropoutNamedTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => ReplacementLottery.Create(Pool, [0, 1], [0, 0], new Leximin(), 10));

    [Test]
    public void Create_OnlyManDropsOutAndTheOtherShareAKeptHousehold_IsInfeasible() =>
        // Panel {w4, m1}; m1 drops out. The only other man, m5, lives in w4's household E: no replacement exists.
        Assert.Throws<InfeasibleQuotasException>(() => ReplacementLottery.Create(Pool, [1, 4], [1], new Leximin(), 10));

    [Test]
    public void Create_SecondRound_ExcludesTheEarlierDropout()
    {
        // Round 1 had panel {w1, m1} and w1 dropped out; say w3 replaced her, so round 2 starts from {w3, m1}. Now w3
        // drops out. Without exclusions the candidates would be w1, w4, m5 (w2 shares m1's household); w1 dropped out in
        // round 1 and is excluded, so only w4 and m5 remain, and the only woman, w4, fills every slot.
        var (plan, lottery) = ReplacementLottery.Create(Pool, [1, 3], [3], new Leximin(), 10, excluded: [0]);
        Assert.That(plan.Candidates, Is.EqualTo(new[] { 4, 5 }));
        Assert.That(lottery.Slots, Has.All.EqualTo(new[] { 4 }));
        Assert.That(plan.Distribution.PersonProbabilities[0], Is.Zero);
    }
}
